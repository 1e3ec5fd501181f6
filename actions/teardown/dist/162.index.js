export const id = 162;
export const ids = [162];
export const modules = {

/***/ 7162:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AzureClouds: () => (/* reexport */ AzureClouds),
  DeploymentsClient: () => (/* reexport */ DeploymentsClient),
  KnownAliasPathAttributes: () => (/* reexport */ KnownAliasPathAttributes),
  KnownAliasPathTokenType: () => (/* reexport */ KnownAliasPathTokenType),
  KnownCreatedByType: () => (/* reexport */ KnownCreatedByType),
  KnownDeploymentIdentityType: () => (/* reexport */ KnownDeploymentIdentityType),
  KnownExpressionEvaluationOptionsScopeType: () => (/* reexport */ KnownExpressionEvaluationOptionsScopeType),
  KnownLevel: () => (/* reexport */ KnownLevel),
  KnownProviderAuthorizationConsentState: () => (/* reexport */ KnownProviderAuthorizationConsentState),
  KnownProvisioningState: () => (/* reexport */ KnownProvisioningState),
  KnownValidationLevel: () => (/* reexport */ KnownValidationLevel),
  KnownVersions: () => (/* reexport */ KnownVersions),
  RestError: () => (/* reexport */ core_rest_pipeline_dist_esm/* RestError */.pj),
  isRestError: () => (/* reexport */ core_rest_pipeline_dist_esm/* isRestError */.T0),
  restorePoller: () => (/* reexport */ restorePoller)
});

;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/static-helpers/cloudSettingHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * An enum to describe Azure Cloud environments.
 * @enum {string}
 */
var AzureClouds;
(function (AzureClouds) {
    /** Azure public cloud, which is the default cloud for Azure SDKs. */
    AzureClouds["AZURE_PUBLIC_CLOUD"] = "AZURE_PUBLIC_CLOUD";
    /** Azure China cloud */
    AzureClouds["AZURE_CHINA_CLOUD"] = "AZURE_CHINA_CLOUD";
    /** Azure US government cloud */
    AzureClouds["AZURE_US_GOVERNMENT"] = "AZURE_US_GOVERNMENT";
})(AzureClouds || (AzureClouds = {}));
/**
 * Gets the Azure Resource Manager endpoint URL for the specified cloud setting.
 * @param cloudSetting - The Azure cloud environment setting. Use one of the AzureClouds enum values.
 * @returns The ARM endpoint URL for the specified cloud, or undefined if cloudSetting is undefined.
 * @throws {Error} Throws an error if an unknown cloud setting is provided.
 */
function getArmEndpoint(cloudSetting) {
    if (cloudSetting === undefined) {
        return undefined;
    }
    const cloudEndpoints = {
        AZURE_CHINA_CLOUD: "https://management.chinacloudapi.cn/",
        AZURE_US_GOVERNMENT: "https://management.usgovcloudapi.net/",
        AZURE_PUBLIC_CLOUD: "https://management.azure.com/",
    };
    if (cloudSetting in cloudEndpoints) {
        return cloudEndpoints[cloudSetting];
    }
    else {
        throw new Error(`Unknown cloud setting: ${cloudSetting}. Please refer to the enum AzureClouds for possible values.`);
    }
}
//# sourceMappingURL=cloudSettingHelpers.js.map
// EXTERNAL MODULE: ./node_modules/@azure/logger/dist/esm/index.js + 1 modules
var esm = __webpack_require__(7567);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/logger.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

const logger = (0,esm/* createClientLogger */.KV)("arm-resourcesdeployments");
//# sourceMappingURL=logger.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/package.json
const package_namespaceObject = {"rE":"2.0.0"};
// EXTERNAL MODULE: ./node_modules/@azure-rest/core-client/dist/esm/index.js + 11 modules
var dist_esm = __webpack_require__(3049);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/api/deploymentsContext.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/** Provides operations for working with deployments. */
function createDeployments(credential, subscriptionId, options = {}) {
    const endpointUrl = options.endpoint ?? getArmEndpoint(options.cloudSetting) ?? "https://management.azure.com";
    const prefixFromOptions = options?.userAgentOptions?.userAgentPrefix;
    const userAgentInfo = `azsdk-js-arm-resourcesdeployments/${package_namespaceObject.rE}`;
    const userAgentPrefix = prefixFromOptions
        ? `${prefixFromOptions} ${userAgentInfo}`
        : `${userAgentInfo}`;
    const { apiVersion: _, ...updatedOptions } = {
        ...options,
        userAgentOptions: { userAgentPrefix },
        loggingOptions: { logger: options.loggingOptions?.logger ?? logger.info },
        credentials: {
            scopes: options.credentials?.scopes ?? ["https://management.azure.com/.default"],
        },
    };
    const clientContext = (0,dist_esm/* getClient */.KU)(endpointUrl, credential, updatedOptions);
    const apiVersion = options.apiVersion;
    return { ...clientContext, apiVersion, subscriptionId };
}
//# sourceMappingURL=deploymentsContext.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/api/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/models/models.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function deploymentExtendedDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
        properties: !item["properties"]
            ? item["properties"]
            : deploymentPropertiesExtendedDeserializer(item["properties"]),
        location: item["location"],
        tags: !item["tags"]
            ? item["tags"]
            : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
    };
}
function deploymentPropertiesExtendedDeserializer(item) {
    return {
        provisioningState: item["provisioningState"],
        correlationId: item["correlationId"],
        timestamp: !item["timestamp"] ? item["timestamp"] : new Date(item["timestamp"]),
        duration: item["duration"],
        outputs: item["outputs"],
        providers: !item["providers"]
            ? item["providers"]
            : providerArrayDeserializer(item["providers"]),
        dependencies: !item["dependencies"]
            ? item["dependencies"]
            : dependencyArrayDeserializer(item["dependencies"]),
        templateLink: !item["templateLink"]
            ? item["templateLink"]
            : templateLinkDeserializer(item["templateLink"]),
        parameters: item["parameters"],
        parametersLink: !item["parametersLink"]
            ? item["parametersLink"]
            : parametersLinkDeserializer(item["parametersLink"]),
        extensions: !item["extensions"]
            ? item["extensions"]
            : deploymentExtensionDefinitionArrayDeserializer(item["extensions"]),
        mode: item["mode"],
        debugSetting: !item["debugSetting"]
            ? item["debugSetting"]
            : debugSettingDeserializer(item["debugSetting"]),
        onErrorDeployment: !item["onErrorDeployment"]
            ? item["onErrorDeployment"]
            : onErrorDeploymentExtendedDeserializer(item["onErrorDeployment"]),
        templateHash: item["templateHash"],
        outputResources: !item["outputResources"]
            ? item["outputResources"]
            : resourceReferenceArrayDeserializer(item["outputResources"]),
        validatedResources: !item["validatedResources"]
            ? item["validatedResources"]
            : resourceReferenceArrayDeserializer(item["validatedResources"]),
        error: !item["error"] ? item["error"] : errorResponseDeserializer(item["error"]),
        diagnostics: !item["diagnostics"]
            ? item["diagnostics"]
            : deploymentDiagnosticsDefinitionArrayDeserializer(item["diagnostics"]),
        validationLevel: item["validationLevel"],
    };
}
/** Denotes the state of provisioning. */
var KnownProvisioningState;
(function (KnownProvisioningState) {
    /** NotSpecified */
    KnownProvisioningState["NotSpecified"] = "NotSpecified";
    /** Accepted */
    KnownProvisioningState["Accepted"] = "Accepted";
    /** Running */
    KnownProvisioningState["Running"] = "Running";
    /** Ready */
    KnownProvisioningState["Ready"] = "Ready";
    /** Creating */
    KnownProvisioningState["Creating"] = "Creating";
    /** Created */
    KnownProvisioningState["Created"] = "Created";
    /** Deleting */
    KnownProvisioningState["Deleting"] = "Deleting";
    /** Deleted */
    KnownProvisioningState["Deleted"] = "Deleted";
    /** Canceled */
    KnownProvisioningState["Canceled"] = "Canceled";
    /** Failed */
    KnownProvisioningState["Failed"] = "Failed";
    /** Succeeded */
    KnownProvisioningState["Succeeded"] = "Succeeded";
    /** Updating */
    KnownProvisioningState["Updating"] = "Updating";
})(KnownProvisioningState || (KnownProvisioningState = {}));
function providerArrayDeserializer(result) {
    return result.map((item) => {
        return providerDeserializer(item);
    });
}
function providerDeserializer(item) {
    return {
        id: item["id"],
        namespace: item["namespace"],
        registrationState: item["registrationState"],
        registrationPolicy: item["registrationPolicy"],
        resourceTypes: !item["resourceTypes"]
            ? item["resourceTypes"]
            : providerResourceTypeArrayDeserializer(item["resourceTypes"]),
        providerAuthorizationConsentState: item["providerAuthorizationConsentState"],
    };
}
function providerResourceTypeArrayDeserializer(result) {
    return result.map((item) => {
        return providerResourceTypeDeserializer(item);
    });
}
function providerResourceTypeDeserializer(item) {
    return {
        resourceType: item["resourceType"],
        locations: !item["locations"]
            ? item["locations"]
            : item["locations"].map((p) => {
                return p;
            }),
        locationMappings: !item["locationMappings"]
            ? item["locationMappings"]
            : providerExtendedLocationArrayDeserializer(item["locationMappings"]),
        aliases: !item["aliases"] ? item["aliases"] : aliasArrayDeserializer(item["aliases"]),
        apiVersions: !item["apiVersions"]
            ? item["apiVersions"]
            : item["apiVersions"].map((p) => {
                return p;
            }),
        defaultApiVersion: item["defaultApiVersion"],
        zoneMappings: !item["zoneMappings"]
            ? item["zoneMappings"]
            : zoneMappingArrayDeserializer(item["zoneMappings"]),
        apiProfiles: !item["apiProfiles"]
            ? item["apiProfiles"]
            : apiProfileArrayDeserializer(item["apiProfiles"]),
        capabilities: item["capabilities"],
        properties: !item["properties"]
            ? item["properties"]
            : Object.fromEntries(Object.entries(item["properties"]).map(([k, p]) => [k, p])),
    };
}
function providerExtendedLocationArrayDeserializer(result) {
    return result.map((item) => {
        return providerExtendedLocationDeserializer(item);
    });
}
function providerExtendedLocationDeserializer(item) {
    return {
        location: item["location"],
        type: item["type"],
        extendedLocations: !item["extendedLocations"]
            ? item["extendedLocations"]
            : item["extendedLocations"].map((p) => {
                return p;
            }),
    };
}
function aliasArrayDeserializer(result) {
    return result.map((item) => {
        return aliasDeserializer(item);
    });
}
function aliasDeserializer(item) {
    return {
        name: item["name"],
        paths: !item["paths"] ? item["paths"] : aliasPathArrayDeserializer(item["paths"]),
        type: item["type"],
        defaultPath: item["defaultPath"],
        defaultPattern: !item["defaultPattern"]
            ? item["defaultPattern"]
            : aliasPatternDeserializer(item["defaultPattern"]),
        defaultMetadata: !item["defaultMetadata"]
            ? item["defaultMetadata"]
            : aliasPathMetadataDeserializer(item["defaultMetadata"]),
    };
}
function aliasPathArrayDeserializer(result) {
    return result.map((item) => {
        return aliasPathDeserializer(item);
    });
}
function aliasPathDeserializer(item) {
    return {
        path: item["path"],
        apiVersions: !item["apiVersions"]
            ? item["apiVersions"]
            : item["apiVersions"].map((p) => {
                return p;
            }),
        pattern: !item["pattern"] ? item["pattern"] : aliasPatternDeserializer(item["pattern"]),
        metadata: !item["metadata"]
            ? item["metadata"]
            : aliasPathMetadataDeserializer(item["metadata"]),
    };
}
function aliasPatternDeserializer(item) {
    return {
        phrase: item["phrase"],
        variable: item["variable"],
        type: item["type"],
    };
}
function aliasPathMetadataDeserializer(item) {
    return {
        type: item["type"],
        attributes: item["attributes"],
    };
}
/** The type of the token that the alias path is referring to. */
var KnownAliasPathTokenType;
(function (KnownAliasPathTokenType) {
    /** The token type is not specified. */
    KnownAliasPathTokenType["NotSpecified"] = "NotSpecified";
    /** The token type can be anything. */
    KnownAliasPathTokenType["Any"] = "Any";
    /** The token type is string. */
    KnownAliasPathTokenType["String"] = "String";
    /** The token type is object. */
    KnownAliasPathTokenType["Object"] = "Object";
    /** The token type is array. */
    KnownAliasPathTokenType["Array"] = "Array";
    /** The token type is integer. */
    KnownAliasPathTokenType["Integer"] = "Integer";
    /** The token type is number. */
    KnownAliasPathTokenType["Number"] = "Number";
    /** The token type is boolean. */
    KnownAliasPathTokenType["Boolean"] = "Boolean";
})(KnownAliasPathTokenType || (KnownAliasPathTokenType = {}));
/** The attributes of the token that the alias path is referring to. */
var KnownAliasPathAttributes;
(function (KnownAliasPathAttributes) {
    /** The token that the alias path is referring to has no attributes. */
    KnownAliasPathAttributes["None"] = "None";
    /** The token that the alias path is referring to is modifiable by policies with 'modify' effect. */
    KnownAliasPathAttributes["Modifiable"] = "Modifiable";
})(KnownAliasPathAttributes || (KnownAliasPathAttributes = {}));
function zoneMappingArrayDeserializer(result) {
    return result.map((item) => {
        return zoneMappingDeserializer(item);
    });
}
function zoneMappingDeserializer(item) {
    return {
        location: item["location"],
        zones: !item["zones"]
            ? item["zones"]
            : item["zones"].map((p) => {
                return p;
            }),
    };
}
function apiProfileArrayDeserializer(result) {
    return result.map((item) => {
        return apiProfileDeserializer(item);
    });
}
function apiProfileDeserializer(item) {
    return {
        profileVersion: item["profileVersion"],
        apiVersion: item["apiVersion"],
    };
}
/** The provider authorization consent state. */
var KnownProviderAuthorizationConsentState;
(function (KnownProviderAuthorizationConsentState) {
    /** NotSpecified */
    KnownProviderAuthorizationConsentState["NotSpecified"] = "NotSpecified";
    /** Required */
    KnownProviderAuthorizationConsentState["Required"] = "Required";
    /** NotRequired */
    KnownProviderAuthorizationConsentState["NotRequired"] = "NotRequired";
    /** Consented */
    KnownProviderAuthorizationConsentState["Consented"] = "Consented";
})(KnownProviderAuthorizationConsentState || (KnownProviderAuthorizationConsentState = {}));
function dependencyArrayDeserializer(result) {
    return result.map((item) => {
        return dependencyDeserializer(item);
    });
}
function dependencyDeserializer(item) {
    return {
        dependsOn: !item["dependsOn"]
            ? item["dependsOn"]
            : basicDependencyArrayDeserializer(item["dependsOn"]),
        id: item["id"],
        resourceType: item["resourceType"],
        resourceName: item["resourceName"],
    };
}
function basicDependencyArrayDeserializer(result) {
    return result.map((item) => {
        return basicDependencyDeserializer(item);
    });
}
function basicDependencyDeserializer(item) {
    return {
        id: item["id"],
        resourceType: item["resourceType"],
        resourceName: item["resourceName"],
    };
}
function templateLinkSerializer(item) {
    return {
        uri: item["uri"],
        id: item["id"],
        relativePath: item["relativePath"],
        contentVersion: item["contentVersion"],
        queryString: item["queryString"],
    };
}
function templateLinkDeserializer(item) {
    return {
        uri: item["uri"],
        id: item["id"],
        relativePath: item["relativePath"],
        contentVersion: item["contentVersion"],
        queryString: item["queryString"],
    };
}
function parametersLinkSerializer(item) {
    return { uri: item["uri"], contentVersion: item["contentVersion"] };
}
function parametersLinkDeserializer(item) {
    return {
        uri: item["uri"],
        contentVersion: item["contentVersion"],
    };
}
function deploymentExtensionDefinitionArraySerializer(result) {
    return result.map((item) => {
        return deploymentExtensionDefinitionSerializer(item);
    });
}
function deploymentExtensionDefinitionArrayDeserializer(result) {
    return result.map((item) => {
        return deploymentExtensionDefinitionDeserializer(item);
    });
}
function deploymentExtensionDefinitionSerializer(_item) {
    return {};
}
function deploymentExtensionDefinitionDeserializer(item) {
    return {
        alias: item["alias"],
        name: item["name"],
        version: item["version"],
        configId: item["configId"],
        configHash: item["configHash"],
        config: !item["config"]
            ? item["config"]
            : deploymentExtensionConfigItemRecordDeserializer(item["config"]),
    };
}
function deploymentExtensionConfigItemRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : deploymentExtensionConfigItemSerializer(item[key]);
    });
    return result;
}
function deploymentExtensionConfigItemRecordDeserializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : deploymentExtensionConfigItemDeserializer(item[key]);
    });
    return result;
}
function deploymentExtensionConfigItemSerializer(item) {
    return {
        value: item["value"],
        keyVaultReference: !item["keyVaultReference"]
            ? item["keyVaultReference"]
            : keyVaultParameterReferenceSerializer(item["keyVaultReference"]),
    };
}
function deploymentExtensionConfigItemDeserializer(item) {
    return {
        value: item["value"],
        keyVaultReference: !item["keyVaultReference"]
            ? item["keyVaultReference"]
            : keyVaultParameterReferenceDeserializer(item["keyVaultReference"]),
    };
}
function keyVaultParameterReferenceSerializer(item) {
    return {
        keyVault: keyVaultReferenceSerializer(item["keyVault"]),
        secretName: item["secretName"],
        secretVersion: item["secretVersion"],
    };
}
function keyVaultParameterReferenceDeserializer(item) {
    return {
        keyVault: keyVaultReferenceDeserializer(item["keyVault"]),
        secretName: item["secretName"],
        secretVersion: item["secretVersion"],
    };
}
function keyVaultReferenceSerializer(item) {
    return { id: item["id"] };
}
function keyVaultReferenceDeserializer(item) {
    return {
        id: item["id"],
    };
}
function debugSettingSerializer(item) {
    return { detailLevel: item["detailLevel"] };
}
function debugSettingDeserializer(item) {
    return {
        detailLevel: item["detailLevel"],
    };
}
function onErrorDeploymentExtendedDeserializer(item) {
    return {
        provisioningState: item["provisioningState"],
        type: item["type"],
        deploymentName: item["deploymentName"],
    };
}
function resourceReferenceArrayDeserializer(result) {
    return result.map((item) => {
        return resourceReferenceDeserializer(item);
    });
}
function resourceReferenceDeserializer(item) {
    return {
        id: item["id"],
        extension: !item["extension"]
            ? item["extension"]
            : deploymentExtensionDefinitionDeserializer(item["extension"]),
        resourceType: item["resourceType"],
        identifiers: item["identifiers"],
        apiVersion: item["apiVersion"],
        symbolicNamePath: !item["symbolicNamePath"]
            ? item["symbolicNamePath"]
            : item["symbolicNamePath"].map((p) => {
                return p;
            }),
    };
}
function errorResponseDeserializer(item) {
    return {
        code: item["code"],
        message: item["message"],
        target: item["target"],
        details: !item["details"] ? item["details"] : errorResponseArrayDeserializer(item["details"]),
        additionalInfo: !item["additionalInfo"]
            ? item["additionalInfo"]
            : errorAdditionalInfoArrayDeserializer(item["additionalInfo"]),
    };
}
function errorResponseArrayDeserializer(result) {
    return result.map((item) => {
        return errorResponseDeserializer(item);
    });
}
function errorAdditionalInfoArrayDeserializer(result) {
    return result.map((item) => {
        return errorAdditionalInfoDeserializer(item);
    });
}
function errorAdditionalInfoDeserializer(item) {
    return {
        type: item["type"],
        info: item["info"],
    };
}
function deploymentDiagnosticsDefinitionArrayDeserializer(result) {
    return result.map((item) => {
        return deploymentDiagnosticsDefinitionDeserializer(item);
    });
}
function deploymentDiagnosticsDefinitionDeserializer(item) {
    return {
        level: item["level"],
        code: item["code"],
        message: item["message"],
        target: item["target"],
        additionalInfo: !item["additionalInfo"]
            ? item["additionalInfo"]
            : errorAdditionalInfoArrayDeserializer(item["additionalInfo"]),
    };
}
/** Denotes the additional response level. */
var KnownLevel;
(function (KnownLevel) {
    /** Warning */
    KnownLevel["Warning"] = "Warning";
    /** Info */
    KnownLevel["Info"] = "Info";
    /** Error */
    KnownLevel["Error"] = "Error";
})(KnownLevel || (KnownLevel = {}));
/** The level of validation performed on the deployment. */
var KnownValidationLevel;
(function (KnownValidationLevel) {
    /** Static analysis of the template is performed. */
    KnownValidationLevel["Template"] = "Template";
    /** Static analysis of the template is performed and resource declarations are sent to resource providers for semantic validation. Validates that the caller has RBAC write permissions on each resource. */
    KnownValidationLevel["Provider"] = "Provider";
    /** Static analysis of the template is performed and resource declarations are sent to resource providers for semantic validation. Skips validating that the caller has RBAC write permissions on each resource. */
    KnownValidationLevel["ProviderNoRbac"] = "ProviderNoRbac";
})(KnownValidationLevel || (KnownValidationLevel = {}));
function extensionResourceDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
    };
}
function resourceDeserializer(item) {
    return {
        id: item["id"],
        name: item["name"],
        type: item["type"],
        systemData: !item["systemData"]
            ? item["systemData"]
            : systemDataDeserializer(item["systemData"]),
    };
}
function systemDataDeserializer(item) {
    return {
        createdBy: item["createdBy"],
        createdByType: item["createdByType"],
        createdAt: !item["createdAt"] ? item["createdAt"] : new Date(item["createdAt"]),
        lastModifiedBy: item["lastModifiedBy"],
        lastModifiedByType: item["lastModifiedByType"],
        lastModifiedAt: !item["lastModifiedAt"]
            ? item["lastModifiedAt"]
            : new Date(item["lastModifiedAt"]),
    };
}
/** The kind of entity that created the resource. */
var KnownCreatedByType;
(function (KnownCreatedByType) {
    /** The entity was created by a user. */
    KnownCreatedByType["User"] = "User";
    /** The entity was created by an application. */
    KnownCreatedByType["Application"] = "Application";
    /** The entity was created by a managed identity. */
    KnownCreatedByType["ManagedIdentity"] = "ManagedIdentity";
    /** The entity was created by a key. */
    KnownCreatedByType["Key"] = "Key";
})(KnownCreatedByType || (KnownCreatedByType = {}));
function cloudErrorDeserializer(item) {
    return {
        error: !item["error"] ? item["error"] : errorResponseDeserializer(item["error"]),
    };
}
function deploymentSerializer(item) {
    return {
        location: item["location"],
        properties: deploymentPropertiesSerializer(item["properties"]),
        tags: item["tags"],
        identity: !item["identity"] ? item["identity"] : deploymentIdentitySerializer(item["identity"]),
    };
}
function deploymentPropertiesSerializer(item) {
    return {
        template: item["template"],
        templateLink: !item["templateLink"]
            ? item["templateLink"]
            : templateLinkSerializer(item["templateLink"]),
        parameters: !item["parameters"]
            ? item["parameters"]
            : deploymentParameterRecordSerializer(item["parameters"]),
        externalInputs: !item["externalInputs"]
            ? item["externalInputs"]
            : deploymentExternalInputRecordSerializer(item["externalInputs"]),
        externalInputDefinitions: !item["externalInputDefinitions"]
            ? item["externalInputDefinitions"]
            : deploymentExternalInputDefinitionRecordSerializer(item["externalInputDefinitions"]),
        parametersLink: !item["parametersLink"]
            ? item["parametersLink"]
            : parametersLinkSerializer(item["parametersLink"]),
        extensionConfigs: !item["extensionConfigs"]
            ? item["extensionConfigs"]
            : deploymentExtensionConfigItemRecordRecordSerializer(item["extensionConfigs"]),
        mode: item["mode"],
        debugSetting: !item["debugSetting"]
            ? item["debugSetting"]
            : debugSettingSerializer(item["debugSetting"]),
        onErrorDeployment: !item["onErrorDeployment"]
            ? item["onErrorDeployment"]
            : onErrorDeploymentSerializer(item["onErrorDeployment"]),
        expressionEvaluationOptions: !item["expressionEvaluationOptions"]
            ? item["expressionEvaluationOptions"]
            : expressionEvaluationOptionsSerializer(item["expressionEvaluationOptions"]),
        validationLevel: item["validationLevel"],
    };
}
function deploymentParameterRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : deploymentParameterSerializer(item[key]);
    });
    return result;
}
function deploymentParameterSerializer(item) {
    return {
        value: item["value"],
        reference: !item["reference"]
            ? item["reference"]
            : keyVaultParameterReferenceSerializer(item["reference"]),
        expression: item["expression"],
    };
}
function deploymentExternalInputRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : deploymentExternalInputSerializer(item[key]);
    });
    return result;
}
function deploymentExternalInputSerializer(item) {
    return { value: item["value"] };
}
function deploymentExternalInputDefinitionRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : deploymentExternalInputDefinitionSerializer(item[key]);
    });
    return result;
}
function deploymentExternalInputDefinitionSerializer(item) {
    return { kind: item["kind"], config: item["config"] };
}
function deploymentExtensionConfigItemRecordRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : deploymentExtensionConfigItemRecordSerializer(item[key]);
    });
    return result;
}
function deploymentExtensionConfigItemRecordRecordDeserializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key]
            ? item[key]
            : deploymentExtensionConfigItemRecordDeserializer(item[key]);
    });
    return result;
}
function onErrorDeploymentSerializer(item) {
    return { type: item["type"], deploymentName: item["deploymentName"] };
}
function expressionEvaluationOptionsSerializer(item) {
    return { scope: item["scope"] };
}
/** The scope to be used for evaluation of parameters, variables and functions in a nested template. */
var KnownExpressionEvaluationOptionsScopeType;
(function (KnownExpressionEvaluationOptionsScopeType) {
    /** NotSpecified */
    KnownExpressionEvaluationOptionsScopeType["NotSpecified"] = "NotSpecified";
    /** Outer */
    KnownExpressionEvaluationOptionsScopeType["Outer"] = "Outer";
    /** Inner */
    KnownExpressionEvaluationOptionsScopeType["Inner"] = "Inner";
})(KnownExpressionEvaluationOptionsScopeType || (KnownExpressionEvaluationOptionsScopeType = {}));
function deploymentIdentitySerializer(item) {
    return {
        type: item["type"],
        userAssignedIdentities: !item["userAssignedIdentities"]
            ? item["userAssignedIdentities"]
            : userAssignedIdentityRecordSerializer(item["userAssignedIdentities"]),
    };
}
/** The identity type. */
var KnownDeploymentIdentityType;
(function (KnownDeploymentIdentityType) {
    /** None */
    KnownDeploymentIdentityType["None"] = "None";
    /** UserAssigned */
    KnownDeploymentIdentityType["UserAssigned"] = "UserAssigned";
})(KnownDeploymentIdentityType || (KnownDeploymentIdentityType = {}));
function userAssignedIdentityRecordSerializer(item) {
    const result = {};
    Object.keys(item).map((key) => {
        result[key] = !item[key] ? item[key] : userAssignedIdentitySerializer(item[key]);
    });
    return result;
}
function userAssignedIdentitySerializer(_item) {
    return {};
}
function _deploymentListResultDeserializer(item) {
    return {
        value: deploymentExtendedArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function deploymentExtendedArrayDeserializer(result) {
    return result.map((item) => {
        return deploymentExtendedDeserializer(item);
    });
}
function deploymentValidateResultDeserializer(item) {
    return {
        error: !item["error"] ? item["error"] : errorResponseDeserializer(item["error"]),
        id: item["id"],
        name: item["name"],
        type: item["type"],
        properties: !item["properties"]
            ? item["properties"]
            : deploymentPropertiesExtendedDeserializer(item["properties"]),
    };
}
function deploymentExportResultDeserializer(item) {
    return {
        template: item["template"],
    };
}
function scopedDeploymentSerializer(item) {
    return {
        location: item["location"],
        properties: deploymentPropertiesSerializer(item["properties"]),
        tags: item["tags"],
    };
}
function scopedDeploymentWhatIfSerializer(item) {
    return {
        location: item["location"],
        properties: deploymentWhatIfPropertiesSerializer(item["properties"]),
    };
}
function deploymentWhatIfPropertiesSerializer(item) {
    return {
        template: item["template"],
        templateLink: !item["templateLink"]
            ? item["templateLink"]
            : templateLinkSerializer(item["templateLink"]),
        parameters: !item["parameters"]
            ? item["parameters"]
            : deploymentParameterRecordSerializer(item["parameters"]),
        externalInputs: !item["externalInputs"]
            ? item["externalInputs"]
            : deploymentExternalInputRecordSerializer(item["externalInputs"]),
        externalInputDefinitions: !item["externalInputDefinitions"]
            ? item["externalInputDefinitions"]
            : deploymentExternalInputDefinitionRecordSerializer(item["externalInputDefinitions"]),
        parametersLink: !item["parametersLink"]
            ? item["parametersLink"]
            : parametersLinkSerializer(item["parametersLink"]),
        extensionConfigs: !item["extensionConfigs"]
            ? item["extensionConfigs"]
            : deploymentExtensionConfigItemRecordRecordSerializer(item["extensionConfigs"]),
        mode: item["mode"],
        debugSetting: !item["debugSetting"]
            ? item["debugSetting"]
            : debugSettingSerializer(item["debugSetting"]),
        onErrorDeployment: !item["onErrorDeployment"]
            ? item["onErrorDeployment"]
            : onErrorDeploymentSerializer(item["onErrorDeployment"]),
        expressionEvaluationOptions: !item["expressionEvaluationOptions"]
            ? item["expressionEvaluationOptions"]
            : expressionEvaluationOptionsSerializer(item["expressionEvaluationOptions"]),
        validationLevel: item["validationLevel"],
        whatIfSettings: !item["whatIfSettings"]
            ? item["whatIfSettings"]
            : deploymentWhatIfSettingsSerializer(item["whatIfSettings"]),
        resourcePredictions: !item["resourcePredictions"]
            ? item["resourcePredictions"]
            : deploymentResourceWhatIfPredictionArraySerializer(item["resourcePredictions"]),
    };
}
function deploymentWhatIfSettingsSerializer(item) {
    return { resultFormat: item["resultFormat"] };
}
function deploymentResourceWhatIfPredictionArraySerializer(result) {
    return result.map((item) => {
        return deploymentResourceWhatIfPredictionSerializer(item);
    });
}
function deploymentResourceWhatIfPredictionSerializer(item) {
    return {
        symbolicNamePath: item["symbolicNamePath"].map((p) => {
            return p;
        }),
        resourceId: item["resourceId"],
        extension: !item["extension"]
            ? item["extension"]
            : deploymentExtensionDefinitionSerializer(item["extension"]),
        resourceType: item["resourceType"],
        identifiers: item["identifiers"],
        apiVersion: item["apiVersion"],
    };
}
function whatIfOperationResultDeserializer(item) {
    return {
        status: item["status"],
        ...(!item["properties"]
            ? item["properties"]
            : _whatIfOperationResultPropertiesDeserializer(item["properties"])),
        error: !item["error"] ? item["error"] : errorResponseDeserializer(item["error"]),
    };
}
function whatIfOperationPropertiesDeserializer(item) {
    return {
        changes: !item["changes"] ? item["changes"] : whatIfChangeArrayDeserializer(item["changes"]),
        potentialChanges: !item["potentialChanges"]
            ? item["potentialChanges"]
            : whatIfChangeArrayDeserializer(item["potentialChanges"]),
        diagnostics: !item["diagnostics"]
            ? item["diagnostics"]
            : deploymentDiagnosticsDefinitionArrayDeserializer(item["diagnostics"]),
    };
}
function whatIfChangeArrayDeserializer(result) {
    return result.map((item) => {
        return whatIfChangeDeserializer(item);
    });
}
function whatIfChangeDeserializer(item) {
    return {
        resourceId: item["resourceId"],
        deploymentId: item["deploymentId"],
        symbolicName: item["symbolicName"],
        resourceType: item["resourceType"],
        identifiers: item["identifiers"],
        extension: !item["extension"]
            ? item["extension"]
            : deploymentExtensionDefinitionDeserializer(item["extension"]),
        changeType: item["changeType"],
        unsupportedReason: item["unsupportedReason"],
        before: item["before"],
        after: item["after"],
        delta: !item["delta"] ? item["delta"] : whatIfPropertyChangeArrayDeserializer(item["delta"]),
    };
}
function whatIfPropertyChangeArrayDeserializer(result) {
    return result.map((item) => {
        return whatIfPropertyChangeDeserializer(item);
    });
}
function whatIfPropertyChangeDeserializer(item) {
    return {
        path: item["path"],
        propertyChangeType: item["propertyChangeType"],
        before: item["before"],
        after: item["after"],
        children: !item["children"]
            ? item["children"]
            : whatIfPropertyChangeArrayDeserializer(item["children"]),
    };
}
function deploymentWhatIfSerializer(item) {
    return {
        location: item["location"],
        properties: deploymentWhatIfPropertiesSerializer(item["properties"]),
    };
}
function templateHashResultDeserializer(item) {
    return {
        minifiedTemplate: item["minifiedTemplate"],
        templateHash: item["templateHash"],
    };
}
function deploymentOperationDeserializer(item) {
    return {
        id: item["id"],
        operationId: item["operationId"],
        properties: !item["properties"]
            ? item["properties"]
            : deploymentOperationPropertiesDeserializer(item["properties"]),
    };
}
function deploymentOperationPropertiesDeserializer(item) {
    return {
        provisioningOperation: item["provisioningOperation"],
        provisioningState: item["provisioningState"],
        timestamp: !item["timestamp"] ? item["timestamp"] : new Date(item["timestamp"]),
        duration: item["duration"],
        serviceRequestId: item["serviceRequestId"],
        statusCode: item["statusCode"],
        statusMessage: !item["statusMessage"]
            ? item["statusMessage"]
            : statusMessageDeserializer(item["statusMessage"]),
        targetResource: !item["targetResource"]
            ? item["targetResource"]
            : targetResourceDeserializer(item["targetResource"]),
        request: !item["request"] ? item["request"] : httpMessageDeserializer(item["request"]),
        response: !item["response"] ? item["response"] : httpMessageDeserializer(item["response"]),
    };
}
function statusMessageDeserializer(item) {
    return {
        status: item["status"],
        error: !item["error"] ? item["error"] : errorResponseDeserializer(item["error"]),
    };
}
function targetResourceDeserializer(item) {
    return {
        id: item["id"],
        resourceName: item["resourceName"],
        resourceType: item["resourceType"],
        extension: !item["extension"]
            ? item["extension"]
            : deploymentExtensionDefinitionDeserializer(item["extension"]),
        identifiers: item["identifiers"],
        apiVersion: item["apiVersion"],
        symbolicName: item["symbolicName"],
        symbolicNamePath: !item["symbolicNamePath"]
            ? item["symbolicNamePath"]
            : item["symbolicNamePath"].map((p) => {
                return p;
            }),
    };
}
function httpMessageDeserializer(item) {
    return {
        content: item["content"],
    };
}
function _deploymentOperationsListResultDeserializer(item) {
    return {
        value: deploymentOperationArrayDeserializer(item["value"]),
        nextLink: item["nextLink"],
    };
}
function deploymentOperationArrayDeserializer(result) {
    return result.map((item) => {
        return deploymentOperationDeserializer(item);
    });
}
/** The available API versions. */
var KnownVersions;
(function (KnownVersions) {
    /** The 2025-04-01 API version. */
    KnownVersions["V20250401"] = "2025-04-01";
    /** The 2026-06-01 API version. */
    KnownVersions["V20260601"] = "2026-06-01";
})(KnownVersions || (KnownVersions = {}));
function _whatIfOperationResultPropertiesDeserializer(item) {
    return {
        changes: !item["changes"] ? item["changes"] : whatIfChangeArrayDeserializer(item["changes"]),
        potentialChanges: !item["potentialChanges"]
            ? item["potentialChanges"]
            : whatIfChangeArrayDeserializer(item["potentialChanges"]),
        diagnostics: !item["diagnostics"]
            ? item["diagnostics"]
            : deploymentDiagnosticsDefinitionArrayDeserializer(item["diagnostics"]),
    };
}
//# sourceMappingURL=models.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 37 modules
var core_rest_pipeline_dist_esm = __webpack_require__(1818);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/static-helpers/pagingHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


/**
 * Helper to paginate results in a generic way and return a PagedAsyncIterableIterator
 */
function buildPagedAsyncIterator(client, getInitialResponse, processResponseBody, expectedStatuses, options = {}) {
    const itemName = options.itemName ?? "value";
    const nextLinkName = options.nextLinkName ?? "nextLink";
    const nextLinkMethod = options.nextLinkMethod ?? "GET";
    const apiVersion = options.apiVersion;
    const pagedResult = {
        getPage: async (pageLink) => {
            let result;
            if (pageLink === undefined) {
                result = await getInitialResponse();
            }
            else {
                const resolvedPageLink = apiVersion ? addApiVersionToUrl(pageLink, apiVersion) : pageLink;
                result =
                    nextLinkMethod === "POST"
                        ? await client.pathUnchecked(resolvedPageLink).post()
                        : await client.pathUnchecked(resolvedPageLink).get();
            }
            checkPagingRequest(result, expectedStatuses);
            const results = await processResponseBody(result);
            const nextLink = getNextLink(results, nextLinkName);
            const values = getElements(results, itemName);
            return {
                page: values,
                nextPageLink: nextLink,
            };
        },
        byPage: (settings) => {
            const { continuationToken } = settings ?? {};
            return getPageAsyncIterator(pagedResult, {
                pageLink: continuationToken,
            });
        },
    };
    return getPagedAsyncIterator(pagedResult);
}
/**
 * returns an async iterator that iterates over results. It also has a `byPage`
 * method that returns pages of items at once.
 *
 * @param pagedResult - an object that specifies how to get pages.
 * @returns a paged async iterator that iterates over results.
 */
function getPagedAsyncIterator(pagedResult) {
    const iter = getItemAsyncIterator(pagedResult);
    return {
        next() {
            return iter.next();
        },
        [Symbol.asyncIterator]() {
            return this;
        },
        byPage: pagedResult?.byPage ??
            ((settings) => {
                const { continuationToken } = settings ?? {};
                return getPageAsyncIterator(pagedResult, {
                    pageLink: continuationToken,
                });
            }),
    };
}
async function* getItemAsyncIterator(pagedResult) {
    const pages = getPageAsyncIterator(pagedResult);
    for await (const page of pages) {
        yield* page;
    }
}
async function* getPageAsyncIterator(pagedResult, options = {}) {
    const { pageLink } = options;
    let response = await pagedResult.getPage(pageLink ?? pagedResult.firstPageLink);
    if (!response) {
        return;
    }
    let result = response.page;
    result.continuationToken = response.nextPageLink;
    yield result;
    while (response.nextPageLink) {
        response = await pagedResult.getPage(response.nextPageLink);
        if (!response) {
            return;
        }
        result = response.page;
        result.continuationToken = response.nextPageLink;
        yield result;
    }
}
/**
 * Gets for the value of nextLink in the body
 */
function getNextLink(body, nextLinkName) {
    if (!nextLinkName) {
        return undefined;
    }
    const nextLink = body[nextLinkName];
    if (typeof nextLink !== "string" && typeof nextLink !== "undefined" && nextLink !== null) {
        throw new core_rest_pipeline_dist_esm/* RestError */.pj(`Body Property ${nextLinkName} should be a string or undefined or null but got ${typeof nextLink}`);
    }
    if (nextLink === null) {
        return undefined;
    }
    return nextLink;
}
/**
 * Gets the elements of the current request in the body.
 */
function getElements(body, itemName) {
    const value = body[itemName];
    if (!Array.isArray(value)) {
        throw new core_rest_pipeline_dist_esm/* RestError */.pj(`Couldn't paginate response\n Body doesn't contain an array property with name: ${itemName}`);
    }
    return value ?? [];
}
/**
 * Checks if a request failed
 */
function checkPagingRequest(response, expectedStatuses) {
    if (!expectedStatuses.includes(response.status)) {
        throw (0,dist_esm/* createRestError */.t$)(`Pagination failed with unexpected statusCode ${response.status}`, response);
    }
}
/**
 * Adds the api-version query parameter on a URL if it's not present.
 * @param url - the URL to modify
 * @param apiVersion - the API version to set
 * @returns - the URL with the api-version query parameter set
 */
function addApiVersionToUrl(url, apiVersion) {
    // The base URL is only used for parsing and won't appear in the returned URL
    const urlObj = new URL(url, "https://microsoft.com");
    if (!urlObj.searchParams.get("api-version")) {
        // Append one if there is no apiVersion
        return `${url}${urlObj.search ? "&" : "?"}api-version=${apiVersion}`;
    }
    return url;
}
//# sourceMappingURL=pagingHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/static-helpers/urlTemplate.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
// ---------------------
// helpers
// ---------------------
function encodeComponent(val, reserved, op) {
    return (reserved ?? op === "+") || op === "#"
        ? encodeReservedComponent(val)
        : encodeRFC3986URIComponent(val);
}
function encodeReservedComponent(str) {
    return str
        .split(/(%[0-9A-Fa-f]{2})/g)
        .map((part) => (!/%[0-9A-Fa-f]/.test(part) ? encodeURI(part) : part))
        .join("");
}
function encodeRFC3986URIComponent(str) {
    return encodeURIComponent(str).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function isDefined(val) {
    return val !== undefined && val !== null;
}
function getNamedAndIfEmpty(op) {
    return [!!op && [";", "?", "&"].includes(op), !!op && ["?", "&"].includes(op) ? "=" : ""];
}
function getFirstOrSep(op, isFirst = false) {
    if (isFirst) {
        return !op || op === "+" ? "" : op;
    }
    else if (!op || op === "+" || op === "#") {
        return ",";
    }
    else if (op === "?") {
        return "&";
    }
    else {
        return op;
    }
}
function getExpandedValue(option) {
    let isFirst = option.isFirst;
    const { op, varName, varValue: value, reserved } = option;
    const vals = [];
    const [named, ifEmpty] = getNamedAndIfEmpty(op);
    if (Array.isArray(value)) {
        for (const val of value.filter(isDefined)) {
            // prepare the following parts: separator, varName, value
            vals.push(`${getFirstOrSep(op, isFirst)}`);
            if (named && varName) {
                vals.push(`${encodeURIComponent(varName)}`);
                if (val === "") {
                    vals.push(ifEmpty);
                }
                else {
                    vals.push("=");
                }
            }
            vals.push(encodeComponent(val, reserved, op));
            isFirst = false;
        }
    }
    else if (typeof value === "object") {
        for (const key of Object.keys(value)) {
            const val = value[key];
            if (!isDefined(val)) {
                continue;
            }
            // prepare the following parts: separator, key, value
            vals.push(`${getFirstOrSep(op, isFirst)}`);
            if (key) {
                vals.push(`${encodeURIComponent(key)}`);
                if (named && val === "") {
                    vals.push(ifEmpty);
                }
                else {
                    vals.push("=");
                }
            }
            vals.push(encodeComponent(val, reserved, op));
            isFirst = false;
        }
    }
    return vals.join("");
}
function getNonExpandedValue(option) {
    const { op, varName, varValue: value, isFirst, reserved } = option;
    const vals = [];
    const first = getFirstOrSep(op, isFirst);
    const [named, ifEmpty] = getNamedAndIfEmpty(op);
    if (named && varName) {
        vals.push(encodeComponent(varName, reserved, op));
        if (value === "") {
            if (!ifEmpty) {
                vals.push(ifEmpty);
            }
            return !vals.join("") ? undefined : `${first}${vals.join("")}`;
        }
        vals.push("=");
    }
    const items = [];
    if (Array.isArray(value)) {
        for (const val of value.filter(isDefined)) {
            items.push(encodeComponent(val, reserved, op));
        }
    }
    else if (typeof value === "object") {
        for (const key of Object.keys(value)) {
            if (!isDefined(value[key])) {
                continue;
            }
            items.push(encodeRFC3986URIComponent(key));
            items.push(encodeComponent(value[key], reserved, op));
        }
    }
    vals.push(items.join(","));
    return !vals.join(",") ? undefined : `${first}${vals.join("")}`;
}
function getVarValue(option) {
    const { op, varName, modifier, isFirst, reserved, varValue: value } = option;
    if (!isDefined(value)) {
        return undefined;
    }
    else if (["string", "number", "boolean"].includes(typeof value)) {
        let val = value.toString();
        const [named, ifEmpty] = getNamedAndIfEmpty(op);
        const vals = [getFirstOrSep(op, isFirst)];
        if (named && varName) {
            // No need to encode varName considering it is already encoded
            vals.push(varName);
            if (val === "") {
                vals.push(ifEmpty);
            }
            else {
                vals.push("=");
            }
        }
        if (modifier && modifier !== "*") {
            val = val.substring(0, parseInt(modifier, 10));
        }
        vals.push(encodeComponent(val, reserved, op));
        return vals.join("");
    }
    else if (modifier === "*") {
        return getExpandedValue(option);
    }
    else {
        return getNonExpandedValue(option);
    }
}
// ---------------------------------------------------------------------------------------------------
// This is an implementation of RFC 6570 URI Template: https://datatracker.ietf.org/doc/html/rfc6570.
// ---------------------------------------------------------------------------------------------------
function expandUrlTemplate(template, context, option) {
    const result = template.replace(/\{([^{}]+)\}|([^{}]+)/g, (_, expr, text) => {
        if (!expr) {
            return encodeReservedComponent(text);
        }
        let op;
        if (["+", "#", ".", "/", ";", "?", "&"].includes(expr[0])) {
            op = expr[0];
            expr = expr.slice(1);
        }
        const varList = expr.split(/,/g);
        const innerResult = [];
        for (const varSpec of varList) {
            const varMatch = /([^:*]*)(?::(\d+)|(\*))?/.exec(varSpec);
            if (!varMatch || !varMatch[1]) {
                continue;
            }
            const varValue = getVarValue({
                isFirst: innerResult.length === 0,
                op,
                varValue: context[varMatch[1]],
                varName: varMatch[1],
                modifier: varMatch[2] || varMatch[3],
                reserved: option?.allowReserved,
            });
            if (varValue) {
                innerResult.push(varValue);
            }
        }
        return innerResult.join("");
    });
    return normalizeUnreserved(result);
}
/**
 * Normalize an expanded URI by decoding percent-encoded unreserved characters.
 * RFC 3986 unreserved: "-" / "." / "~"
 */
function normalizeUnreserved(uri) {
    return uri.replace(/%([0-9A-Fa-f]{2})/g, (match, hex) => {
        const char = String.fromCharCode(parseInt(hex, 16));
        // Decode only if it's unreserved
        if (/[.~-]/.test(char)) {
            return char;
        }
        return match; // leave other encodings intact
    });
}
//# sourceMappingURL=urlTemplate.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/api/deploymentOperations/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




function _listSend(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/deployments/{deploymentName}/operations{?api%2Dversion,%24top}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentOperationsListResultDeserializer(result.body);
}
/** Gets all deployments operations for a deployment. */
function list(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listSend(context, resourceGroupName, deploymentName, options), _listDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _getSend(context, resourceGroupName, deploymentName, operationId, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/deployments/{deploymentName}/operations/{operationId}{?api%2Dversion}", {
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        operationId: operationId,
        subscriptionId: context.subscriptionId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentOperationDeserializer(result.body);
}
/** Gets a deployments operation. */
async function get(context, resourceGroupName, deploymentName, operationId, options = { requestOptions: {} }) {
    const result = await _getSend(context, resourceGroupName, deploymentName, operationId, options);
    return _getDeserialize(result);
}
function _listAtSubscriptionScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}/operations{?api%2Dversion,%24top}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentOperationsListResultDeserializer(result.body);
}
/** Gets all deployments operations for a deployment. */
function listAtSubscriptionScope(context, deploymentName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listAtSubscriptionScopeSend(context, deploymentName, options), _listAtSubscriptionScopeDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _getAtSubscriptionScopeSend(context, deploymentName, operationId, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}/operations/{operationId}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        operationId: operationId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentOperationDeserializer(result.body);
}
/** Gets a deployments operation. */
async function getAtSubscriptionScope(context, deploymentName, operationId, options = { requestOptions: {} }) {
    const result = await _getAtSubscriptionScopeSend(context, deploymentName, operationId, options);
    return _getAtSubscriptionScopeDeserialize(result);
}
function _listAtManagementGroupScopeSend(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}/operations{?api%2Dversion,%24top}", {
        groupId: groupId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentOperationsListResultDeserializer(result.body);
}
/** Gets all deployments operations for a deployment. */
function listAtManagementGroupScope(context, groupId, deploymentName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listAtManagementGroupScopeSend(context, groupId, deploymentName, options), _listAtManagementGroupScopeDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _getAtManagementGroupScopeSend(context, groupId, deploymentName, operationId, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}/operations/{operationId}{?api%2Dversion}", {
        groupId: groupId,
        deploymentName: deploymentName,
        operationId: operationId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentOperationDeserializer(result.body);
}
/** Gets a deployments operation. */
async function getAtManagementGroupScope(context, groupId, deploymentName, operationId, options = { requestOptions: {} }) {
    const result = await _getAtManagementGroupScopeSend(context, groupId, deploymentName, operationId, options);
    return _getAtManagementGroupScopeDeserialize(result);
}
function _listAtTenantScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}/operations{?api%2Dversion,%24top}", {
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentOperationsListResultDeserializer(result.body);
}
/** Gets all deployments operations for a deployment. */
function listAtTenantScope(context, deploymentName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listAtTenantScopeSend(context, deploymentName, options), _listAtTenantScopeDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _getAtTenantScopeSend(context, deploymentName, operationId, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}/operations/{operationId}{?api%2Dversion}", {
        deploymentName: deploymentName,
        operationId: operationId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentOperationDeserializer(result.body);
}
/** Gets a deployments operation. */
async function getAtTenantScope(context, deploymentName, operationId, options = { requestOptions: {} }) {
    const result = await _getAtTenantScopeSend(context, deploymentName, operationId, options);
    return _getAtTenantScopeDeserialize(result);
}
function _listAtScopeSend(context, scope, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments/{deploymentName}/operations{?api%2Dversion,%24top}", {
        scope: scope,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listAtScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentOperationsListResultDeserializer(result.body);
}
/** Gets all deployments operations for a deployment. */
function listAtScope(context, scope, deploymentName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listAtScopeSend(context, scope, deploymentName, options), _listAtScopeDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _getAtScopeSend(context, scope, deploymentName, operationId, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments/{deploymentName}/operations/{operationId}{?api%2Dversion}", {
        scope: scope,
        deploymentName: deploymentName,
        operationId: operationId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _getAtScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentOperationDeserializer(result.body);
}
/** Gets a deployments operation. */
async function getAtScope(context, scope, deploymentName, operationId, options = { requestOptions: {} }) {
    const result = await _getAtScopeSend(context, scope, deploymentName, operationId, options);
    return _getAtScopeDeserialize(result);
}
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/classic/deploymentOperations/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

function _getDeploymentOperations(context) {
    return {
        list: (resourceGroupName, deploymentName, options) => list(context, resourceGroupName, deploymentName, options),
        get: (resourceGroupName, deploymentName, operationId, options) => get(context, resourceGroupName, deploymentName, operationId, options),
        listAtSubscriptionScope: (deploymentName, options) => listAtSubscriptionScope(context, deploymentName, options),
        getAtSubscriptionScope: (deploymentName, operationId, options) => getAtSubscriptionScope(context, deploymentName, operationId, options),
        listAtManagementGroupScope: (groupId, deploymentName, options) => listAtManagementGroupScope(context, groupId, deploymentName, options),
        getAtManagementGroupScope: (groupId, deploymentName, operationId, options) => getAtManagementGroupScope(context, groupId, deploymentName, operationId, options),
        listAtTenantScope: (deploymentName, options) => listAtTenantScope(context, deploymentName, options),
        getAtTenantScope: (deploymentName, operationId, options) => getAtTenantScope(context, deploymentName, operationId, options),
        listAtScope: (scope, deploymentName, options) => listAtScope(context, scope, deploymentName, options),
        getAtScope: (scope, deploymentName, operationId, options) => getAtScope(context, scope, deploymentName, operationId, options),
    };
}
function _getDeploymentOperationsOperations(context) {
    return {
        ..._getDeploymentOperations(context),
    };
}
//# sourceMappingURL=index.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-lro/dist/esm/index.js + 7 modules
var core_lro_dist_esm = __webpack_require__(4850);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/static-helpers/pollingHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


function getLongRunningPoller(client, processResponseBody, expectedStatuses, options) {
    const { restoreFrom, getInitialResponse, apiVersion } = options;
    if (!restoreFrom && !getInitialResponse) {
        throw new Error("Either restoreFrom or getInitialResponse must be specified");
    }
    let initialResponse = undefined;
    const pollAbortController = new AbortController();
    const poller = {
        sendInitialRequest: async () => {
            if (!getInitialResponse) {
                throw new Error("getInitialResponse is required when initializing a new poller");
            }
            initialResponse = await getInitialResponse();
            return getLroResponse(initialResponse, expectedStatuses);
        },
        sendPollRequest: async (path, pollOptions) => {
            // The poll request would both listen to the user provided abort signal and the poller's own abort signal
            function abortListener() {
                pollAbortController.abort();
            }
            const abortSignal = pollAbortController.signal;
            if (options.abortSignal?.aborted) {
                pollAbortController.abort();
            }
            else if (pollOptions?.abortSignal?.aborted) {
                pollAbortController.abort();
            }
            else if (!abortSignal.aborted) {
                options.abortSignal?.addEventListener("abort", abortListener, {
                    once: true,
                });
                pollOptions?.abortSignal?.addEventListener("abort", abortListener, {
                    once: true,
                });
            }
            let response;
            try {
                const pollingPath = apiVersion ? pollingHelpers_addApiVersionToUrl(path, apiVersion) : path;
                response = await client.pathUnchecked(pollingPath).get({ abortSignal });
            }
            finally {
                options.abortSignal?.removeEventListener("abort", abortListener);
                pollOptions?.abortSignal?.removeEventListener("abort", abortListener);
            }
            return getLroResponse(response, expectedStatuses);
        },
    };
    return (0,core_lro_dist_esm/* createHttpPoller */.V)(poller, {
        intervalInMs: options?.updateIntervalInMs,
        resourceLocationConfig: options?.resourceLocationConfig,
        restoreFrom: options?.restoreFrom,
        processResult: (result) => {
            return processResponseBody(result);
        },
    });
}
/**
 * Converts a Rest Client response to a response that the LRO implementation understands
 * @param response - a rest client http response
 * @param deserializeFn - deserialize function to convert Rest response to modular output
 * @returns - An LRO response that the LRO implementation understands
 */
function getLroResponse(response, expectedStatuses) {
    if (!expectedStatuses.includes(response.status)) {
        throw (0,dist_esm/* createRestError */.t$)(response);
    }
    return {
        flatResponse: response,
        rawResponse: {
            ...response,
            statusCode: Number.parseInt(response.status),
            body: response.body,
        },
    };
}
/**
 * Adds the api-version query parameter on a URL if it's not present.
 * @param url - the URL to modify
 * @param apiVersion - the API version to set
 * @returns - the URL with the api-version query parameter set
 */
function pollingHelpers_addApiVersionToUrl(url, apiVersion) {
    // The base URL is only used for parsing and won't appear in the returned URL
    const urlObj = new URL(url, "https://microsoft.com");
    if (!urlObj.searchParams.get("api-version")) {
        // Append one if there is no apiVersion
        return `${url}${urlObj.search ? "&" : "?"}api-version=${apiVersion}`;
    }
    return url;
}
//# sourceMappingURL=pollingHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/api/deployments/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.





function _calculateTemplateHashSend(context, template, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/calculateTemplateHash{?api%2Dversion}", {
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: template,
    });
}
async function _calculateTemplateHashDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return templateHashResultDeserializer(result.body);
}
/** Calculate the hash of the given template. */
async function calculateTemplateHash(context, template, options = { requestOptions: {} }) {
    const result = await _calculateTemplateHashSend(context, template, options);
    return _calculateTemplateHashDeserialize(result);
}
function _exportTemplateSend(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}/exportTemplate{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _exportTemplateDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExportResultDeserializer(result.body);
}
/** Exports the template used for specified deployment. */
async function exportTemplate(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const result = await _exportTemplateSend(context, resourceGroupName, deploymentName, options);
    return _exportTemplateDeserialize(result);
}
function _whatIfSend(context, resourceGroupName, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}/whatIf{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: deploymentWhatIfSerializer(parameters),
    });
}
async function _whatIfDeserialize(result) {
    const expectedStatuses = ["200", "202", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return whatIfOperationResultDeserializer(result.body);
}
/** Returns changes that will be made by the deployment if executed at the scope of the resource group. */
function whatIf(context, resourceGroupName, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _whatIfDeserialize, ["200", "202", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _whatIfSend(context, resourceGroupName, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _validateSend(context, resourceGroupName, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}/validate{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: deploymentSerializer(parameters),
    });
}
async function _validateDeserialize(result) {
    const expectedStatuses = ["200", "202", "400", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentValidateResultDeserializer(result.body);
}
/** Validates whether the specified template is syntactically correct and will be accepted by Azure Resource Manager.. */
function validate(context, resourceGroupName, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _validateDeserialize, ["200", "202", "400", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _validateSend(context, resourceGroupName, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _cancelSend(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}/cancel{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _cancelDeserialize(result) {
    const expectedStatuses = ["204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** You can cancel a deployment only if the provisioningState is Accepted or Running. After the deployment is canceled, the provisioningState is set to Canceled. Canceling a template deployment stops the currently running template deployment and leaves the resource group partially deployed. */
async function cancel(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const result = await _cancelSend(context, resourceGroupName, deploymentName, options);
    return _cancelDeserialize(result);
}
function _listByResourceGroupSend(context, resourceGroupName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments{?api%2Dversion,%24filter,%24top}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24filter": options?.filter,
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _listByResourceGroupDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentListResultDeserializer(result.body);
}
/** Get all the deployments for a resource group. */
function listByResourceGroup(context, resourceGroupName, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => _listByResourceGroupSend(context, resourceGroupName, options), _listByResourceGroupDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _$deleteSend(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _$deleteDeserialize(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** A template deployment that is currently running cannot be deleted. Deleting a template deployment removes the associated deployment operations. Deleting a template deployment does not affect the state of the resource group. This is an asynchronous operation that returns a status of 202 until the template deployment is successfully deleted. The Location response header contains the URI that is used to obtain the status of the process. While the process is running, a call to the URI in the Location header returns a status of 202. When the process finishes, the URI in the Location header returns a status of 204 on success. If the asynchronous request failed, the URI in the Location header returns an error-level status code. */
function $delete(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _$deleteDeserialize, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _$deleteSend(context, resourceGroupName, deploymentName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _createOrUpdateSend(context, resourceGroupName, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: deploymentSerializer(parameters),
    });
}
async function _createOrUpdateDeserialize(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** You can provide the template and parameters directly in the request or link to JSON files. */
function createOrUpdate(context, resourceGroupName, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateDeserialize, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateSend(context, resourceGroupName, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _checkExistenceSend(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).head({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _checkExistenceDeserialize(result) {
    const expectedStatuses = ["204", "404"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return { body: result.status.startsWith("2") };
}
/** Checks whether the deployment exists. */
async function checkExistence(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const result = await _checkExistenceSend(context, resourceGroupName, deploymentName, options);
    return _checkExistenceDeserialize(result);
}
function operations_getSend(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        resourceGroupName: resourceGroupName,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_getDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** Gets a deployment. */
async function operations_get(context, resourceGroupName, deploymentName, options = { requestOptions: {} }) {
    const result = await operations_getSend(context, resourceGroupName, deploymentName, options);
    return operations_getDeserialize(result);
}
function _exportTemplateAtSubscriptionScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}/exportTemplate{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _exportTemplateAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExportResultDeserializer(result.body);
}
/** Exports the template used for specified deployment. */
async function exportTemplateAtSubscriptionScope(context, deploymentName, options = { requestOptions: {} }) {
    const result = await _exportTemplateAtSubscriptionScopeSend(context, deploymentName, options);
    return _exportTemplateAtSubscriptionScopeDeserialize(result);
}
function _whatIfAtSubscriptionScopeSend(context, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}/whatIf{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: deploymentWhatIfSerializer(parameters),
    });
}
async function _whatIfAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["200", "202", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return whatIfOperationResultDeserializer(result.body);
}
/** Returns changes that will be made by the deployment if executed at the scope of the subscription. */
function whatIfAtSubscriptionScope(context, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _whatIfAtSubscriptionScopeDeserialize, ["200", "202", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _whatIfAtSubscriptionScopeSend(context, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _validateAtSubscriptionScopeSend(context, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}/validate{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: deploymentSerializer(parameters),
    });
}
async function _validateAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["200", "202", "400", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentValidateResultDeserializer(result.body);
}
/** Validates whether the specified template is syntactically correct and will be accepted by Azure Resource Manager.. */
function validateAtSubscriptionScope(context, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _validateAtSubscriptionScopeDeserialize, ["200", "202", "400", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _validateAtSubscriptionScopeSend(context, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _cancelAtSubscriptionScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}/cancel{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _cancelAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** You can cancel a deployment only if the provisioningState is Accepted or Running. After the deployment is canceled, the provisioningState is set to Canceled. Canceling a template deployment stops the currently running template deployment and leaves the resources partially deployed. */
async function cancelAtSubscriptionScope(context, deploymentName, options = { requestOptions: {} }) {
    const result = await _cancelAtSubscriptionScopeSend(context, deploymentName, options);
    return _cancelAtSubscriptionScopeDeserialize(result);
}
function operations_listAtSubscriptionScopeSend(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments{?api%2Dversion,%24filter,%24top}", {
        subscriptionId: context.subscriptionId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24filter": options?.filter,
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_listAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentListResultDeserializer(result.body);
}
/** Get all the deployments for a subscription. */
function operations_listAtSubscriptionScope(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => operations_listAtSubscriptionScopeSend(context, options), operations_listAtSubscriptionScopeDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _deleteAtSubscriptionScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _deleteAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** A template deployment that is currently running cannot be deleted. Deleting a template deployment removes the associated deployment operations. This is an asynchronous operation that returns a status of 202 until the template deployment is successfully deleted. The Location response header contains the URI that is used to obtain the status of the process. While the process is running, a call to the URI in the Location header returns a status of 202. When the process finishes, the URI in the Location header returns a status of 204 on success. If the asynchronous request failed, the URI in the Location header returns an error-level status code. */
function deleteAtSubscriptionScope(context, deploymentName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _deleteAtSubscriptionScopeDeserialize, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _deleteAtSubscriptionScopeSend(context, deploymentName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _createOrUpdateAtSubscriptionScopeSend(context, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: deploymentSerializer(parameters),
    });
}
async function _createOrUpdateAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** You can provide the template and parameters directly in the request or link to JSON files. */
function createOrUpdateAtSubscriptionScope(context, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateAtSubscriptionScopeDeserialize, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateAtSubscriptionScopeSend(context, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _checkExistenceAtSubscriptionScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).head({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _checkExistenceAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["204", "404"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return { body: result.status.startsWith("2") };
}
/** Checks whether the deployment exists. */
async function checkExistenceAtSubscriptionScope(context, deploymentName, options = { requestOptions: {} }) {
    const result = await _checkExistenceAtSubscriptionScopeSend(context, deploymentName, options);
    return _checkExistenceAtSubscriptionScopeDeserialize(result);
}
function operations_getAtSubscriptionScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        subscriptionId: context.subscriptionId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_getAtSubscriptionScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** Gets a deployment. */
async function operations_getAtSubscriptionScope(context, deploymentName, options = { requestOptions: {} }) {
    const result = await operations_getAtSubscriptionScopeSend(context, deploymentName, options);
    return operations_getAtSubscriptionScopeDeserialize(result);
}
function _exportTemplateAtManagementGroupScopeSend(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}/exportTemplate{?api%2Dversion}", {
        groupId: groupId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _exportTemplateAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExportResultDeserializer(result.body);
}
/** Exports the template used for specified deployment. */
async function exportTemplateAtManagementGroupScope(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const result = await _exportTemplateAtManagementGroupScopeSend(context, groupId, deploymentName, options);
    return _exportTemplateAtManagementGroupScopeDeserialize(result);
}
function _whatIfAtManagementGroupScopeSend(context, groupId, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}/whatIf{?api%2Dversion}", {
        groupId: groupId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: scopedDeploymentWhatIfSerializer(parameters),
    });
}
async function _whatIfAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["200", "202", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return whatIfOperationResultDeserializer(result.body);
}
/** Returns changes that will be made by the deployment if executed at the scope of the management group. */
function whatIfAtManagementGroupScope(context, groupId, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _whatIfAtManagementGroupScopeDeserialize, ["200", "202", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _whatIfAtManagementGroupScopeSend(context, groupId, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _validateAtManagementGroupScopeSend(context, groupId, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}/validate{?api%2Dversion}", {
        groupId: groupId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: scopedDeploymentSerializer(parameters),
    });
}
async function _validateAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["200", "202", "400", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentValidateResultDeserializer(result.body);
}
/** Validates whether the specified template is syntactically correct and will be accepted by Azure Resource Manager.. */
function validateAtManagementGroupScope(context, groupId, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _validateAtManagementGroupScopeDeserialize, ["200", "202", "400", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _validateAtManagementGroupScopeSend(context, groupId, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _cancelAtManagementGroupScopeSend(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}/cancel{?api%2Dversion}", {
        groupId: groupId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _cancelAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** You can cancel a deployment only if the provisioningState is Accepted or Running. After the deployment is canceled, the provisioningState is set to Canceled. Canceling a template deployment stops the currently running template deployment and leaves the resources partially deployed. */
async function cancelAtManagementGroupScope(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const result = await _cancelAtManagementGroupScopeSend(context, groupId, deploymentName, options);
    return _cancelAtManagementGroupScopeDeserialize(result);
}
function operations_listAtManagementGroupScopeSend(context, groupId, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments{?api%2Dversion,%24filter,%24top}", {
        groupId: groupId,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24filter": options?.filter,
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_listAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentListResultDeserializer(result.body);
}
/** Get all the deployments for a management group. */
function operations_listAtManagementGroupScope(context, groupId, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => operations_listAtManagementGroupScopeSend(context, groupId, options), operations_listAtManagementGroupScopeDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _deleteAtManagementGroupScopeSend(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        groupId: groupId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _deleteAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** A template deployment that is currently running cannot be deleted. Deleting a template deployment removes the associated deployment operations. This is an asynchronous operation that returns a status of 202 until the template deployment is successfully deleted. The Location response header contains the URI that is used to obtain the status of the process. While the process is running, a call to the URI in the Location header returns a status of 202. When the process finishes, the URI in the Location header returns a status of 204 on success. If the asynchronous request failed, the URI in the Location header returns an error-level status code. */
function deleteAtManagementGroupScope(context, groupId, deploymentName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _deleteAtManagementGroupScopeDeserialize, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _deleteAtManagementGroupScopeSend(context, groupId, deploymentName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _createOrUpdateAtManagementGroupScopeSend(context, groupId, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        groupId: groupId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: scopedDeploymentSerializer(parameters),
    });
}
async function _createOrUpdateAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** You can provide the template and parameters directly in the request or link to JSON files. */
function createOrUpdateAtManagementGroupScope(context, groupId, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateAtManagementGroupScopeDeserialize, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateAtManagementGroupScopeSend(context, groupId, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _checkExistenceAtManagementGroupScopeSend(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        groupId: groupId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).head({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _checkExistenceAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["204", "404"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return { body: result.status.startsWith("2") };
}
/** Checks whether the deployment exists. */
async function checkExistenceAtManagementGroupScope(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const result = await _checkExistenceAtManagementGroupScopeSend(context, groupId, deploymentName, options);
    return _checkExistenceAtManagementGroupScopeDeserialize(result);
}
function operations_getAtManagementGroupScopeSend(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        groupId: groupId,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_getAtManagementGroupScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** Gets a deployment. */
async function operations_getAtManagementGroupScope(context, groupId, deploymentName, options = { requestOptions: {} }) {
    const result = await operations_getAtManagementGroupScopeSend(context, groupId, deploymentName, options);
    return operations_getAtManagementGroupScopeDeserialize(result);
}
function operations_listAtTenantScopeSend(context, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments{?api%2Dversion,%24filter,%24top}", {
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24filter": options?.filter,
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_listAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentListResultDeserializer(result.body);
}
/** Get all the deployments at the tenant scope. */
function operations_listAtTenantScope(context, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => operations_listAtTenantScopeSend(context, options), operations_listAtTenantScopeDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _exportTemplateAtTenantScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}/exportTemplate{?api%2Dversion}", {
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _exportTemplateAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExportResultDeserializer(result.body);
}
/** Exports the template used for specified deployment. */
async function exportTemplateAtTenantScope(context, deploymentName, options = { requestOptions: {} }) {
    const result = await _exportTemplateAtTenantScopeSend(context, deploymentName, options);
    return _exportTemplateAtTenantScopeDeserialize(result);
}
function _whatIfAtTenantScopeSend(context, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}/whatIf{?api%2Dversion}", {
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: scopedDeploymentWhatIfSerializer(parameters),
    });
}
async function _whatIfAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["200", "202", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return whatIfOperationResultDeserializer(result.body);
}
/** Returns changes that will be made by the deployment if executed at the scope of the tenant group. */
function whatIfAtTenantScope(context, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _whatIfAtTenantScopeDeserialize, ["200", "202", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _whatIfAtTenantScopeSend(context, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _validateAtTenantScopeSend(context, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}/validate{?api%2Dversion}", {
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: scopedDeploymentSerializer(parameters),
    });
}
async function _validateAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["200", "202", "400", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentValidateResultDeserializer(result.body);
}
/** Validates whether the specified template is syntactically correct and will be accepted by Azure Resource Manager.. */
function validateAtTenantScope(context, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _validateAtTenantScopeDeserialize, ["200", "202", "400", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _validateAtTenantScopeSend(context, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _cancelAtTenantScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}/cancel{?api%2Dversion}", {
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _cancelAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** You can cancel a deployment only if the provisioningState is Accepted or Running. After the deployment is canceled, the provisioningState is set to Canceled. Canceling a template deployment stops the currently running template deployment and leaves the resources partially deployed. */
async function cancelAtTenantScope(context, deploymentName, options = { requestOptions: {} }) {
    const result = await _cancelAtTenantScopeSend(context, deploymentName, options);
    return _cancelAtTenantScopeDeserialize(result);
}
function _deleteAtTenantScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _deleteAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** A template deployment that is currently running cannot be deleted. Deleting a template deployment removes the associated deployment operations. This is an asynchronous operation that returns a status of 202 until the template deployment is successfully deleted. The Location response header contains the URI that is used to obtain the status of the process. While the process is running, a call to the URI in the Location header returns a status of 202. When the process finishes, the URI in the Location header returns a status of 204 on success. If the asynchronous request failed, the URI in the Location header returns an error-level status code. */
function deleteAtTenantScope(context, deploymentName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _deleteAtTenantScopeDeserialize, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _deleteAtTenantScopeSend(context, deploymentName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _createOrUpdateAtTenantScopeSend(context, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: scopedDeploymentSerializer(parameters),
    });
}
async function _createOrUpdateAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** You can provide the template and parameters directly in the request or link to JSON files. */
function createOrUpdateAtTenantScope(context, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateAtTenantScopeDeserialize, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateAtTenantScopeSend(context, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _checkExistenceAtTenantScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).head({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _checkExistenceAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["204", "404"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return { body: result.status.startsWith("2") };
}
/** Checks whether the deployment exists. */
async function checkExistenceAtTenantScope(context, deploymentName, options = { requestOptions: {} }) {
    const result = await _checkExistenceAtTenantScopeSend(context, deploymentName, options);
    return _checkExistenceAtTenantScopeDeserialize(result);
}
function operations_getAtTenantScopeSend(context, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_getAtTenantScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** Gets a deployment. */
async function operations_getAtTenantScope(context, deploymentName, options = { requestOptions: {} }) {
    const result = await operations_getAtTenantScopeSend(context, deploymentName, options);
    return operations_getAtTenantScopeDeserialize(result);
}
function _exportTemplateAtScopeSend(context, scope, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments/{deploymentName}/exportTemplate{?api%2Dversion}", {
        scope: scope,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function _exportTemplateAtScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExportResultDeserializer(result.body);
}
/** Exports the template used for specified deployment. */
async function exportTemplateAtScope(context, scope, deploymentName, options = { requestOptions: {} }) {
    const result = await _exportTemplateAtScopeSend(context, scope, deploymentName, options);
    return _exportTemplateAtScopeDeserialize(result);
}
function _validateAtScopeSend(context, scope, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments/{deploymentName}/validate{?api%2Dversion}", {
        scope: scope,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: deploymentSerializer(parameters),
    });
}
async function _validateAtScopeDeserialize(result) {
    const expectedStatuses = ["200", "202", "400", "201"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentValidateResultDeserializer(result.body);
}
/** Validates whether the specified template is syntactically correct and will be accepted by Azure Resource Manager.. */
function validateAtScope(context, scope, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _validateAtScopeDeserialize, ["200", "202", "400", "201"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _validateAtScopeSend(context, scope, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _cancelAtScopeSend(context, scope, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments/{deploymentName}/cancel{?api%2Dversion}", {
        scope: scope,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).post({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _cancelAtScopeDeserialize(result) {
    const expectedStatuses = ["204"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** You can cancel a deployment only if the provisioningState is Accepted or Running. After the deployment is canceled, the provisioningState is set to Canceled. Canceling a template deployment stops the currently running template deployment and leaves the resources partially deployed. */
async function cancelAtScope(context, scope, deploymentName, options = { requestOptions: {} }) {
    const result = await _cancelAtScopeSend(context, scope, deploymentName, options);
    return _cancelAtScopeDeserialize(result);
}
function operations_listAtScopeSend(context, scope, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments{?api%2Dversion,%24filter,%24top}", {
        scope: scope,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
        "%24filter": options?.filter,
        "%24top": options?.top,
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_listAtScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return _deploymentListResultDeserializer(result.body);
}
/** Get all the deployments at the given scope. */
function operations_listAtScope(context, scope, options = { requestOptions: {} }) {
    return buildPagedAsyncIterator(context, () => operations_listAtScopeSend(context, scope, options), operations_listAtScopeDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-06-01" });
}
function _deleteAtScopeSend(context, scope, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        scope: scope,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _deleteAtScopeDeserialize(result) {
    const expectedStatuses = ["202", "204", "200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return;
}
/** A template deployment that is currently running cannot be deleted. Deleting a template deployment removes the associated deployment operations. This is an asynchronous operation that returns a status of 202 until the template deployment is successfully deleted. The Location response header contains the URI that is used to obtain the status of the process. While the process is running, a call to the URI in the Location header returns a status of 202. When the process finishes, the URI in the Location header returns a status of 204 on success. If the asynchronous request failed, the URI in the Location header returns an error-level status code. */
function deleteAtScope(context, scope, deploymentName, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _deleteAtScopeDeserialize, ["202", "204", "200"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _deleteAtScopeSend(context, scope, deploymentName, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _createOrUpdateAtScopeSend(context, scope, deploymentName, parameters, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        scope: scope,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).put({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        contentType: "application/json",
        headers: { accept: "application/json", ...options.requestOptions?.headers },
        body: deploymentSerializer(parameters),
    });
}
async function _createOrUpdateAtScopeDeserialize(result) {
    const expectedStatuses = ["200", "201", "202"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** You can provide the template and parameters directly in the request or link to JSON files. */
function createOrUpdateAtScope(context, scope, deploymentName, parameters, options = { requestOptions: {} }) {
    return getLongRunningPoller(context, _createOrUpdateAtScopeDeserialize, ["200", "201", "202"], {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        getInitialResponse: () => _createOrUpdateAtScopeSend(context, scope, deploymentName, parameters, options),
        resourceLocationConfig: "location",
        apiVersion: context.apiVersion ?? "2026-06-01",
    });
}
function _checkExistenceAtScopeSend(context, scope, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        scope: scope,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).head({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _checkExistenceAtScopeDeserialize(result) {
    const expectedStatuses = ["204", "404"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return { body: result.status.startsWith("2") };
}
/** Checks whether the deployment exists. */
async function checkExistenceAtScope(context, scope, deploymentName, options = { requestOptions: {} }) {
    const result = await _checkExistenceAtScopeSend(context, scope, deploymentName, options);
    return _checkExistenceAtScopeDeserialize(result);
}
function operations_getAtScopeSend(context, scope, deploymentName, options = { requestOptions: {} }) {
    const path = expandUrlTemplate("/{+scope}/providers/Microsoft.Resources/deployments/{deploymentName}{?api%2Dversion}", {
        scope: scope,
        deploymentName: deploymentName,
        "api%2Dversion": context.apiVersion ?? "2026-06-01",
    }, {
        allowReserved: options?.requestOptions?.skipUrlEncoding,
    });
    return context.path(path).get({
        ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
        headers: { accept: "application/json", ...options.requestOptions?.headers },
    });
}
async function operations_getAtScopeDeserialize(result) {
    const expectedStatuses = ["200"];
    if (!expectedStatuses.includes(result.status)) {
        const error = (0,dist_esm/* createRestError */.t$)(result);
        if (result.body) {
            error.details = cloudErrorDeserializer(result.body);
        }
        throw error;
    }
    return deploymentExtendedDeserializer(result.body);
}
/** Gets a deployment. */
async function operations_getAtScope(context, scope, deploymentName, options = { requestOptions: {} }) {
    const result = await operations_getAtScopeSend(context, scope, deploymentName, options);
    return operations_getAtScopeDeserialize(result);
}
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/static-helpers/simplePollerHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Create the deprecated SimplePollerLike from PollerLike
 * @param poller PollerLike to convert
 * @returns SimplePollerLike
 */
function getSimplePoller(poller) {
    const simplePoller = {
        isDone() {
            return poller.isDone;
        },
        isStopped() {
            throw new Error("isStopped is deprecated. Use abortSignal status to track this instead.");
        },
        getOperationState() {
            if (!poller.operationState) {
                throw new Error("Operation state is not available. The poller may not have been started and you could await submitted() before calling getOperationState().");
            }
            return poller.operationState;
        },
        getResult() {
            return poller.result;
        },
        toString() {
            if (!poller.operationState) {
                throw new Error("Operation state is not available. The poller may not have been started and you could await submitted() before calling getOperationState().");
            }
            return JSON.stringify({
                state: poller.operationState,
            });
        },
        stopPolling() {
            throw new Error("stopPolling is deprecated. Use abortSignal to stop polling instead.");
        },
        onProgress: poller.onProgress,
        poll: poller.poll,
        pollUntilDone: poller.pollUntilDone,
        serialize: poller.serialize,
        submitted: poller.submitted,
    };
    return simplePoller;
}
//# sourceMappingURL=simplePollerHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/classic/deployments/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


function _getDeployments(context) {
    return {
        calculateTemplateHash: (template, options) => calculateTemplateHash(context, template, options),
        exportTemplate: (resourceGroupName, deploymentName, options) => exportTemplate(context, resourceGroupName, deploymentName, options),
        whatIf: (resourceGroupName, deploymentName, parameters, options) => whatIf(context, resourceGroupName, deploymentName, parameters, options),
        beginWhatIf: async (resourceGroupName, deploymentName, parameters, options) => {
            const poller = whatIf(context, resourceGroupName, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginWhatIfAndWait: async (resourceGroupName, deploymentName, parameters, options) => {
            return await whatIf(context, resourceGroupName, deploymentName, parameters, options);
        },
        validate: (resourceGroupName, deploymentName, parameters, options) => validate(context, resourceGroupName, deploymentName, parameters, options),
        beginValidate: async (resourceGroupName, deploymentName, parameters, options) => {
            const poller = validate(context, resourceGroupName, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginValidateAndWait: async (resourceGroupName, deploymentName, parameters, options) => {
            return await validate(context, resourceGroupName, deploymentName, parameters, options);
        },
        cancel: (resourceGroupName, deploymentName, options) => cancel(context, resourceGroupName, deploymentName, options),
        listByResourceGroup: (resourceGroupName, options) => listByResourceGroup(context, resourceGroupName, options),
        delete: (resourceGroupName, deploymentName, options) => $delete(context, resourceGroupName, deploymentName, options),
        beginDelete: async (resourceGroupName, deploymentName, options) => {
            const poller = $delete(context, resourceGroupName, deploymentName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAndWait: async (resourceGroupName, deploymentName, options) => {
            return await $delete(context, resourceGroupName, deploymentName, options);
        },
        createOrUpdate: (resourceGroupName, deploymentName, parameters, options) => createOrUpdate(context, resourceGroupName, deploymentName, parameters, options),
        beginCreateOrUpdate: async (resourceGroupName, deploymentName, parameters, options) => {
            const poller = createOrUpdate(context, resourceGroupName, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAndWait: async (resourceGroupName, deploymentName, parameters, options) => {
            return await createOrUpdate(context, resourceGroupName, deploymentName, parameters, options);
        },
        checkExistence: (resourceGroupName, deploymentName, options) => checkExistence(context, resourceGroupName, deploymentName, options),
        get: (resourceGroupName, deploymentName, options) => operations_get(context, resourceGroupName, deploymentName, options),
        exportTemplateAtSubscriptionScope: (deploymentName, options) => exportTemplateAtSubscriptionScope(context, deploymentName, options),
        whatIfAtSubscriptionScope: (deploymentName, parameters, options) => whatIfAtSubscriptionScope(context, deploymentName, parameters, options),
        beginWhatIfAtSubscriptionScope: async (deploymentName, parameters, options) => {
            const poller = whatIfAtSubscriptionScope(context, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginWhatIfAtSubscriptionScopeAndWait: async (deploymentName, parameters, options) => {
            return await whatIfAtSubscriptionScope(context, deploymentName, parameters, options);
        },
        validateAtSubscriptionScope: (deploymentName, parameters, options) => validateAtSubscriptionScope(context, deploymentName, parameters, options),
        beginValidateAtSubscriptionScope: async (deploymentName, parameters, options) => {
            const poller = validateAtSubscriptionScope(context, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginValidateAtSubscriptionScopeAndWait: async (deploymentName, parameters, options) => {
            return await validateAtSubscriptionScope(context, deploymentName, parameters, options);
        },
        cancelAtSubscriptionScope: (deploymentName, options) => cancelAtSubscriptionScope(context, deploymentName, options),
        listAtSubscriptionScope: (options) => operations_listAtSubscriptionScope(context, options),
        deleteAtSubscriptionScope: (deploymentName, options) => deleteAtSubscriptionScope(context, deploymentName, options),
        beginDeleteAtSubscriptionScope: async (deploymentName, options) => {
            const poller = deleteAtSubscriptionScope(context, deploymentName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAtSubscriptionScopeAndWait: async (deploymentName, options) => {
            return await deleteAtSubscriptionScope(context, deploymentName, options);
        },
        createOrUpdateAtSubscriptionScope: (deploymentName, parameters, options) => createOrUpdateAtSubscriptionScope(context, deploymentName, parameters, options),
        beginCreateOrUpdateAtSubscriptionScope: async (deploymentName, parameters, options) => {
            const poller = createOrUpdateAtSubscriptionScope(context, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAtSubscriptionScopeAndWait: async (deploymentName, parameters, options) => {
            return await createOrUpdateAtSubscriptionScope(context, deploymentName, parameters, options);
        },
        checkExistenceAtSubscriptionScope: (deploymentName, options) => checkExistenceAtSubscriptionScope(context, deploymentName, options),
        getAtSubscriptionScope: (deploymentName, options) => operations_getAtSubscriptionScope(context, deploymentName, options),
        exportTemplateAtManagementGroupScope: (groupId, deploymentName, options) => exportTemplateAtManagementGroupScope(context, groupId, deploymentName, options),
        whatIfAtManagementGroupScope: (groupId, deploymentName, parameters, options) => whatIfAtManagementGroupScope(context, groupId, deploymentName, parameters, options),
        beginWhatIfAtManagementGroupScope: async (groupId, deploymentName, parameters, options) => {
            const poller = whatIfAtManagementGroupScope(context, groupId, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginWhatIfAtManagementGroupScopeAndWait: async (groupId, deploymentName, parameters, options) => {
            return await whatIfAtManagementGroupScope(context, groupId, deploymentName, parameters, options);
        },
        validateAtManagementGroupScope: (groupId, deploymentName, parameters, options) => validateAtManagementGroupScope(context, groupId, deploymentName, parameters, options),
        beginValidateAtManagementGroupScope: async (groupId, deploymentName, parameters, options) => {
            const poller = validateAtManagementGroupScope(context, groupId, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginValidateAtManagementGroupScopeAndWait: async (groupId, deploymentName, parameters, options) => {
            return await validateAtManagementGroupScope(context, groupId, deploymentName, parameters, options);
        },
        cancelAtManagementGroupScope: (groupId, deploymentName, options) => cancelAtManagementGroupScope(context, groupId, deploymentName, options),
        listAtManagementGroupScope: (groupId, options) => operations_listAtManagementGroupScope(context, groupId, options),
        deleteAtManagementGroupScope: (groupId, deploymentName, options) => deleteAtManagementGroupScope(context, groupId, deploymentName, options),
        beginDeleteAtManagementGroupScope: async (groupId, deploymentName, options) => {
            const poller = deleteAtManagementGroupScope(context, groupId, deploymentName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAtManagementGroupScopeAndWait: async (groupId, deploymentName, options) => {
            return await deleteAtManagementGroupScope(context, groupId, deploymentName, options);
        },
        createOrUpdateAtManagementGroupScope: (groupId, deploymentName, parameters, options) => createOrUpdateAtManagementGroupScope(context, groupId, deploymentName, parameters, options),
        beginCreateOrUpdateAtManagementGroupScope: async (groupId, deploymentName, parameters, options) => {
            const poller = createOrUpdateAtManagementGroupScope(context, groupId, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAtManagementGroupScopeAndWait: async (groupId, deploymentName, parameters, options) => {
            return await createOrUpdateAtManagementGroupScope(context, groupId, deploymentName, parameters, options);
        },
        checkExistenceAtManagementGroupScope: (groupId, deploymentName, options) => checkExistenceAtManagementGroupScope(context, groupId, deploymentName, options),
        getAtManagementGroupScope: (groupId, deploymentName, options) => operations_getAtManagementGroupScope(context, groupId, deploymentName, options),
        listAtTenantScope: (options) => operations_listAtTenantScope(context, options),
        exportTemplateAtTenantScope: (deploymentName, options) => exportTemplateAtTenantScope(context, deploymentName, options),
        whatIfAtTenantScope: (deploymentName, parameters, options) => whatIfAtTenantScope(context, deploymentName, parameters, options),
        beginWhatIfAtTenantScope: async (deploymentName, parameters, options) => {
            const poller = whatIfAtTenantScope(context, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginWhatIfAtTenantScopeAndWait: async (deploymentName, parameters, options) => {
            return await whatIfAtTenantScope(context, deploymentName, parameters, options);
        },
        validateAtTenantScope: (deploymentName, parameters, options) => validateAtTenantScope(context, deploymentName, parameters, options),
        beginValidateAtTenantScope: async (deploymentName, parameters, options) => {
            const poller = validateAtTenantScope(context, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginValidateAtTenantScopeAndWait: async (deploymentName, parameters, options) => {
            return await validateAtTenantScope(context, deploymentName, parameters, options);
        },
        cancelAtTenantScope: (deploymentName, options) => cancelAtTenantScope(context, deploymentName, options),
        deleteAtTenantScope: (deploymentName, options) => deleteAtTenantScope(context, deploymentName, options),
        beginDeleteAtTenantScope: async (deploymentName, options) => {
            const poller = deleteAtTenantScope(context, deploymentName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAtTenantScopeAndWait: async (deploymentName, options) => {
            return await deleteAtTenantScope(context, deploymentName, options);
        },
        createOrUpdateAtTenantScope: (deploymentName, parameters, options) => createOrUpdateAtTenantScope(context, deploymentName, parameters, options),
        beginCreateOrUpdateAtTenantScope: async (deploymentName, parameters, options) => {
            const poller = createOrUpdateAtTenantScope(context, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAtTenantScopeAndWait: async (deploymentName, parameters, options) => {
            return await createOrUpdateAtTenantScope(context, deploymentName, parameters, options);
        },
        checkExistenceAtTenantScope: (deploymentName, options) => checkExistenceAtTenantScope(context, deploymentName, options),
        getAtTenantScope: (deploymentName, options) => operations_getAtTenantScope(context, deploymentName, options),
        exportTemplateAtScope: (scope, deploymentName, options) => exportTemplateAtScope(context, scope, deploymentName, options),
        validateAtScope: (scope, deploymentName, parameters, options) => validateAtScope(context, scope, deploymentName, parameters, options),
        beginValidateAtScope: async (scope, deploymentName, parameters, options) => {
            const poller = validateAtScope(context, scope, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginValidateAtScopeAndWait: async (scope, deploymentName, parameters, options) => {
            return await validateAtScope(context, scope, deploymentName, parameters, options);
        },
        cancelAtScope: (scope, deploymentName, options) => cancelAtScope(context, scope, deploymentName, options),
        listAtScope: (scope, options) => operations_listAtScope(context, scope, options),
        deleteAtScope: (scope, deploymentName, options) => deleteAtScope(context, scope, deploymentName, options),
        beginDeleteAtScope: async (scope, deploymentName, options) => {
            const poller = deleteAtScope(context, scope, deploymentName, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginDeleteAtScopeAndWait: async (scope, deploymentName, options) => {
            return await deleteAtScope(context, scope, deploymentName, options);
        },
        createOrUpdateAtScope: (scope, deploymentName, parameters, options) => createOrUpdateAtScope(context, scope, deploymentName, parameters, options),
        beginCreateOrUpdateAtScope: async (scope, deploymentName, parameters, options) => {
            const poller = createOrUpdateAtScope(context, scope, deploymentName, parameters, options);
            await poller.submitted();
            return getSimplePoller(poller);
        },
        beginCreateOrUpdateAtScopeAndWait: async (scope, deploymentName, parameters, options) => {
            return await createOrUpdateAtScope(context, scope, deploymentName, parameters, options);
        },
        checkExistenceAtScope: (scope, deploymentName, options) => checkExistenceAtScope(context, scope, deploymentName, options),
        getAtScope: (scope, deploymentName, options) => operations_getAtScope(context, scope, deploymentName, options),
    };
}
function _getDeploymentsOperations(context) {
    return {
        ..._getDeployments(context),
    };
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/deploymentsClient.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



class DeploymentsClient {
    _client;
    /** The pipeline used by this client to make requests */
    pipeline;
    /** Provides operations for working with deployments. */
    constructor(credential, subscriptionIdOrOptions, options) {
        let subscriptionId;
        if (typeof subscriptionIdOrOptions === "string") {
            subscriptionId = subscriptionIdOrOptions;
        }
        else if (typeof subscriptionIdOrOptions === "object") {
            options = subscriptionIdOrOptions;
        }
        options = options ?? {};
        this._client = createDeployments(credential, subscriptionId ?? "", options);
        this.pipeline = this._client.pipeline;
        this.deploymentOperations = _getDeploymentOperationsOperations(this._client);
        this.deployments = _getDeploymentsOperations(this._client);
    }
    /** The operation groups for deploymentOperations */
    deploymentOperations;
    /** The operation groups for deployments */
    deployments;
}
//# sourceMappingURL=deploymentsClient.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/restorePollerHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/**
 * Creates a poller from the serialized state of another poller. This can be
 * useful when you want to create pollers on a different host or a poller
 * needs to be constructed after the original one is not in scope.
 */
function restorePoller(client, serializedState, sourceOperation, options) {
    const pollerConfig = (0,core_lro_dist_esm/* deserializeState */.b)(serializedState).config;
    const { initialRequestUrl, requestMethod, metadata } = pollerConfig;
    if (!initialRequestUrl || !requestMethod) {
        throw new Error(`Invalid serialized state: ${serializedState} for sourceOperation ${sourceOperation?.name}`);
    }
    const resourceLocationConfig = metadata?.["resourceLocationConfig"];
    const { deserializer, expectedStatuses = [] } = getDeserializationHelper(initialRequestUrl, requestMethod) ?? {};
    const deserializeHelper = options?.processResponseBody ?? deserializer;
    if (!deserializeHelper) {
        throw new Error(`Please ensure the operation is in this client! We can't find its deserializeHelper for ${sourceOperation?.name}.`);
    }
    const apiVersion = getApiVersionFromUrl(initialRequestUrl);
    return getLongRunningPoller(client["_client"] ?? client, deserializeHelper, expectedStatuses, {
        updateIntervalInMs: options?.updateIntervalInMs,
        abortSignal: options?.abortSignal,
        resourceLocationConfig,
        restoreFrom: serializedState,
        initialRequestUrl,
        apiVersion,
    });
}
const deserializeMap = {
    "POST /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}/whatIf": { deserializer: _whatIfDeserialize, expectedStatuses: ["200", "202", "201"] },
    "POST /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}/validate": { deserializer: _validateDeserialize, expectedStatuses: ["200", "202", "400", "201"] },
    "DELETE /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}": { deserializer: _$deleteDeserialize, expectedStatuses: ["202", "204", "200"] },
    "PUT /subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}": { deserializer: _createOrUpdateDeserialize, expectedStatuses: ["200", "201", "202"] },
    "POST /subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}/whatIf": {
        deserializer: _whatIfAtSubscriptionScopeDeserialize,
        expectedStatuses: ["200", "202", "201"],
    },
    "POST /subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}/validate": {
        deserializer: _validateAtSubscriptionScopeDeserialize,
        expectedStatuses: ["200", "202", "400", "201"],
    },
    "DELETE /subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}": {
        deserializer: _deleteAtSubscriptionScopeDeserialize,
        expectedStatuses: ["202", "204", "200"],
    },
    "PUT /subscriptions/{subscriptionId}/providers/Microsoft.Resources/deployments/{deploymentName}": {
        deserializer: _createOrUpdateAtSubscriptionScopeDeserialize,
        expectedStatuses: ["200", "201", "202"],
    },
    "POST /providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}/whatIf": {
        deserializer: _whatIfAtManagementGroupScopeDeserialize,
        expectedStatuses: ["200", "202", "201"],
    },
    "POST /providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}/validate": {
        deserializer: _validateAtManagementGroupScopeDeserialize,
        expectedStatuses: ["200", "202", "400", "201"],
    },
    "DELETE /providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}": {
        deserializer: _deleteAtManagementGroupScopeDeserialize,
        expectedStatuses: ["202", "204", "200"],
    },
    "PUT /providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Resources/deployments/{deploymentName}": {
        deserializer: _createOrUpdateAtManagementGroupScopeDeserialize,
        expectedStatuses: ["200", "201", "202"],
    },
    "POST /providers/Microsoft.Resources/deployments/{deploymentName}/whatIf": {
        deserializer: _whatIfAtTenantScopeDeserialize,
        expectedStatuses: ["200", "202", "201"],
    },
    "POST /providers/Microsoft.Resources/deployments/{deploymentName}/validate": {
        deserializer: _validateAtTenantScopeDeserialize,
        expectedStatuses: ["200", "202", "400", "201"],
    },
    "DELETE /providers/Microsoft.Resources/deployments/{deploymentName}": {
        deserializer: _deleteAtTenantScopeDeserialize,
        expectedStatuses: ["202", "204", "200"],
    },
    "PUT /providers/Microsoft.Resources/deployments/{deploymentName}": {
        deserializer: _createOrUpdateAtTenantScopeDeserialize,
        expectedStatuses: ["200", "201", "202"],
    },
    "POST /{scope}/providers/Microsoft.Resources/deployments/{deploymentName}/validate": {
        deserializer: _validateAtScopeDeserialize,
        expectedStatuses: ["200", "202", "400", "201"],
    },
    "DELETE /{scope}/providers/Microsoft.Resources/deployments/{deploymentName}": {
        deserializer: _deleteAtScopeDeserialize,
        expectedStatuses: ["202", "204", "200"],
    },
    "PUT /{scope}/providers/Microsoft.Resources/deployments/{deploymentName}": {
        deserializer: _createOrUpdateAtScopeDeserialize,
        expectedStatuses: ["200", "201", "202"],
    },
};
function getDeserializationHelper(urlStr, method) {
    const path = new URL(urlStr).pathname;
    const pathParts = path.split("/");
    // Traverse list to match the longest candidate
    // matchedLen: the length of candidate path
    // matchedValue: the matched status code array
    let matchedLen = -1, matchedValue;
    // Iterate the responseMap to find a match
    for (const [key, value] of Object.entries(deserializeMap)) {
        // Extracting the path from the map key which is in format
        // GET /path/foo
        if (!key.startsWith(method)) {
            continue;
        }
        const candidatePath = getPathFromMapKey(key);
        // Get each part of the url path
        const candidateParts = candidatePath.split("/");
        // track if we have found a match to return the values found.
        let found = true;
        for (let i = candidateParts.length - 1, j = pathParts.length - 1; i >= 1 && j >= 1; i--, j--) {
            if (candidateParts[i]?.startsWith("{") && candidateParts[i]?.indexOf("}") !== -1) {
                const start = candidateParts[i].indexOf("}") + 1, end = candidateParts[i]?.length;
                // If the current part of the candidate is a "template" part
                // Try to use the suffix of pattern to match the path
                // {guid} ==> $
                // {guid}:export ==> :export$
                const isMatched = new RegExp(`${candidateParts[i]?.slice(start, end)}`).test(pathParts[j] || "");
                if (!isMatched) {
                    found = false;
                    break;
                }
                continue;
            }
            // If the candidate part is not a template and
            // the parts don't match mark the candidate as not found
            // to move on with the next candidate path.
            if (candidateParts[i] !== pathParts[j]) {
                found = false;
                break;
            }
        }
        // We finished evaluating the current candidate parts
        // Update the matched value if and only if we found the longer pattern
        if (found && candidatePath.length > matchedLen) {
            matchedLen = candidatePath.length;
            matchedValue = value;
        }
    }
    return matchedValue;
}
function getPathFromMapKey(mapKey) {
    const pathStart = mapKey.indexOf("/");
    return mapKey.slice(pathStart);
}
function getApiVersionFromUrl(urlStr) {
    const url = new URL(urlStr);
    return url.searchParams.get("api-version") ?? undefined;
}
//# sourceMappingURL=restorePollerHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/models/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-resourcesdeployments/dist/esm/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






//# sourceMappingURL=index.js.map

/***/ })

};
