export const id = 82;
export const ids = [82];
export const modules = {

/***/ 4082:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  renderAzureDeployment: () => (/* binding */ renderAzureDeployment)
});

;// CONCATENATED MODULE: ./build/arm/cluster.json
const cluster_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","metadata":{"description":"A Docker Swarm cluster: 1, 3 or 5 masters with public addresses and one Uniform scale set of agents behind a Standard load balancer. See docs/arm.md."},"parameters":{"location":{"type":"string","defaultValue":"[resourceGroup().location]","metadata":{"description":"Region of every resource; the resource group\'s by default."}},"dnsPrefix":{"type":"string","minLength":3,"maxLength":46,"metadata":{"description":"DNS label prefix: <dnsPrefix>-master<i>-<suffix> and <dnsPrefix>-agents-lb-<suffix>, where <suffix> is 6 characters of uniqueString(resourceGroup().id): labels are unique per region across all customers (a label is at most 63 characters)."}},"masterCount":{"type":"int","defaultValue":1,"allowedValues":[1,3,5],"metadata":{"description":"Swarm managers; an odd number keeps a Raft quorum."}},"faultDomainCount":{"type":"int","defaultValue":2,"minValue":1,"maxValue":3,"metadata":{"description":"Fault domains of the masters\' availability set (3 in most regions, 2 in some)."}},"updateDomainCount":{"type":"int","defaultValue":5,"minValue":1,"maxValue":20,"metadata":{"description":"Update domains of the masters\' availability set."}},"masterSize":{"type":"string","defaultValue":"Standard_D2as_v5","metadata":{"description":"VM size of the masters (Trusted Launch capable, Gen 2)."}},"agentSize":{"type":"string","defaultValue":"Standard_D2as_v5","metadata":{"description":"VM size of the agents (Trusted Launch capable, Gen 2)."}},"agentPrefix":{"type":"string","defaultValue":"agents","minLength":1,"maxLength":20,"metadata":{"description":"Name of the scale set and computer name prefix of its instances (agents000000, agents000001, ...)."}},"agentCount":{"type":"int","defaultValue":2,"minValue":0,"maxValue":100,"metadata":{"description":"Agents at deployment, and the autoscale default."}},"minAgentCount":{"type":"int","defaultValue":1,"minValue":0,"maxValue":100,"metadata":{"description":"Fewest agents autoscale keeps."}},"maxAgentCount":{"type":"int","defaultValue":5,"minValue":1,"maxValue":100,"metadata":{"description":"Most agents autoscale adds (a Uniform scale set in one placement group holds at most 100)."}},"autoscaleEnabled":{"type":"bool","defaultValue":true,"metadata":{"description":"CPU autoscale of the agents; false keeps the setting but switches it off."}},"adminUsername":{"type":"string","defaultValue":"cluster","metadata":{"description":"Login of every node (SSH key only)."}},"adminPublicKey":{"type":"string","metadata":{"description":"OpenSSH public key line of the admin user; password login is disabled."}},"allowedSshCidr":{"type":"string","metadata":{"description":"The only source range allowed to reach the masters on SSH (port 22)."}},"helperPort":{"type":"int","defaultValue":8400,"minValue":1024,"maxValue":65535,"metadata":{"description":"Port of the swarm helper on the masters (reachable inside the virtual network only)."}},"healthPort":{"type":"int","defaultValue":8401,"minValue":1024,"maxValue":65535,"metadata":{"description":"Port of the node-health endpoint (/healthz) that the load balancer probes."}},"servicePorts":{"type":"array","defaultValue":[80,81,8000],"minLength":1,"metadata":{"description":"TCP ports the load balancer forwards to the agents: one rule per port."}},"terminateNotBeforeTimeout":{"type":"string","defaultValue":"PT5M","allowedValues":["PT5M","PT6M","PT7M","PT8M","PT9M","PT10M","PT11M","PT12M","PT13M","PT14M","PT15M"],"metadata":{"description":"How long a deleted agent may drain before Azure approves its Terminate event (Azure allows 5 to 15 minutes)."}},"osDiskType":{"type":"string","defaultValue":"StandardSSD_LRS","allowedValues":["Standard_LRS","StandardSSD_LRS","Premium_LRS"],"metadata":{"description":"Managed disk type of every OS disk."}},"osDiskSizeGB":{"type":"int","defaultValue":32,"allowedValues":[32,64,128],"metadata":{"description":"OS disk size of every node."}},"fileShareEnabled":{"type":"bool","defaultValue":false,"metadata":{"description":"Creates an Azure Files share that every node mounts at /srv."}},"fileShareQuotaGB":{"type":"int","defaultValue":100,"minValue":1,"maxValue":5120,"metadata":{"description":"Size limit of the share."}},"masterCloudInit":{"type":"securestring","metadata":{"description":"cloud-config YAML of the masters, plain text; __AZSWARM_STORAGE_ACCOUNT__ and __AZSWARM_STORAGE_SUFFIX__ are filled in here (never the key: it changes, customData must not)."}},"agentCloudInit":{"type":"securestring","metadata":{"description":"cloud-config YAML of the agents, plain text; same placeholders as masterCloudInit."}},"trustedLaunch":{"type":"bool","defaultValue":true,"metadata":{"description":"Trusted Launch (secure boot and vTPM) on every node; false for a size that does not support it (securityType Standard, set explicitly either way)."}},"tags":{"type":"object","defaultValue":{},"metadata":{"description":"Tags of every resource that takes tags."}}},"variables":{"vnetName":"swarm-vnet","vnetPrefix":"10.0.0.0/16","masterSubnetName":"masters","masterSubnetPrefix":"10.0.1.0/24","agentSubnetName":"agents","agentSubnetPrefix":"10.0.2.0/23","masterAddressPrefix":"10.0.1.","masterAddressOffset":10,"masterSubnetId":"[resourceId(\'Microsoft.Network/virtualNetworks/subnets\', variables(\'vnetName\'), variables(\'masterSubnetName\'))]","agentSubnetId":"[resourceId(\'Microsoft.Network/virtualNetworks/subnets\', variables(\'vnetName\'), variables(\'agentSubnetName\'))]","masterNsgName":"masters-nsg","agentNsgName":"agents-nsg","availabilitySetName":"masters-avset","natGatewayName":"agents-nat","natPublicIpName":"agents-outbound-ip","loadBalancerName":"agents-lb","loadBalancerPublicIpName":"agents-lb-ip","loadBalancerFrontendName":"agents-frontend","loadBalancerBackendName":"agents","loadBalancerProbeName":"node-health","autoscaleName":"[format(\'{0}-cpu-autoscale\', parameters(\'agentPrefix\'))]","scaleSetId":"[resourceId(\'Microsoft.Compute/virtualMachineScaleSets\', parameters(\'agentPrefix\'))]","storageAccountName":"[format(\'swarm{0}\', uniqueString(resourceGroup().id))]","storageAccountId":"[resourceId(\'Microsoft.Storage/storageAccounts\', variables(\'storageAccountName\'))]","fileShareName":"srv","storageAccountPlaceholder":"__AZSWARM_STORAGE_ACCOUNT__","storageSuffixPlaceholder":"__AZSWARM_STORAGE_SUFFIX__","dnsLabelSuffix":"[take(uniqueString(resourceGroup().id), 6)]","securityProfile":{"securityType":"[if(parameters(\'trustedLaunch\'), \'TrustedLaunch\', \'Standard\')]","uefiSettings":"[if(parameters(\'trustedLaunch\'), createObject(\'secureBootEnabled\', true(), \'vTpmEnabled\', true()), null())]"},"shareCredentialsExtension":{"publisher":"Microsoft.Azure.Extensions","type":"CustomScript","typeHandlerVersion":"2.1","autoUpgradeMinorVersion":true},"shareCredentialsScript":"#!/bin/sh\\n# Delivered in the extension\'s protected settings, never in customData: a key rotation re-runs this.\\nset -eu\\numask 077\\nmkdir -p /etc/swarm-cluster\\nprintf \'username=%s\\\\npassword=%s\\\\n\' \'{0}\' \'{1}\' > /etc/swarm-cluster/srv.cred.new\\nmv /etc/swarm-cluster/srv.cred.new /etc/swarm-cluster/srv.cred\\nsystemctl daemon-reload\\nsystemctl start --no-block srv.mount docker.service || true\\n","vnetOnlyRules":[{"name":"allow-health-from-vnet","properties":{"priority":200,"direction":"Inbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"VirtualNetwork","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"[string(parameters(\'healthPort\'))]"}},{"name":"allow-swarm-gossip-tcp-from-vnet","properties":{"priority":210,"direction":"Inbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"VirtualNetwork","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"7946"}},{"name":"allow-swarm-udp-from-vnet","properties":{"priority":220,"direction":"Inbound","access":"Allow","protocol":"Udp","sourceAddressPrefix":"VirtualNetwork","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRanges":["7946","4789"]}},{"name":"deny-other-vnet-inbound","properties":{"priority":4000,"direction":"Inbound","access":"Deny","protocol":"*","sourceAddressPrefix":"VirtualNetwork","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"*"}}],"masterRules":[{"name":"allow-ssh-from-allowed-cidr","properties":{"priority":100,"direction":"Inbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"[parameters(\'allowedSshCidr\')]","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"22"}},{"name":"allow-helper-from-vnet","properties":{"priority":120,"direction":"Inbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"VirtualNetwork","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"[string(parameters(\'helperPort\'))]"}},{"name":"allow-swarm-managers-from-vnet","properties":{"priority":130,"direction":"Inbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"VirtualNetwork","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"2377"}}],"agentRules":[{"name":"allow-services","properties":{"priority":100,"direction":"Inbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"Internet","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRanges":"[map(parameters(\'servicePorts\'), lambda(\'port\', string(lambdaVariables(\'port\'))))]"}},{"name":"allow-health-probe","properties":{"priority":110,"direction":"Inbound","access":"Allow","protocol":"Tcp","sourceAddressPrefix":"AzureLoadBalancer","sourcePortRange":"*","destinationAddressPrefix":"*","destinationPortRange":"[string(parameters(\'healthPort\'))]"}}],"imageReference":{"publisher":"Canonical","offer":"ubuntu-24_04-lts","sku":"server","version":"latest"},"masterOsDisk":{"createOption":"FromImage","caching":"ReadWrite","deleteOption":"Delete","diskSizeGB":"[parameters(\'osDiskSizeGB\')]","managedDisk":{"storageAccountType":"[parameters(\'osDiskType\')]"}},"agentOsDisk":{"createOption":"FromImage","caching":"ReadWrite","diskSizeGB":"[parameters(\'osDiskSizeGB\')]","managedDisk":{"storageAccountType":"[parameters(\'osDiskType\')]"}},"linuxConfiguration":{"disablePasswordAuthentication":true,"provisionVMAgent":true,"ssh":{"publicKeys":[{"path":"[format(\'/home/{0}/.ssh/authorized_keys\', parameters(\'adminUsername\'))]","keyData":"[parameters(\'adminPublicKey\')]"}]}},"bootDiagnostics":{"bootDiagnostics":{"enabled":true}}},"resources":[{"type":"Microsoft.Network/networkSecurityGroups","apiVersion":"2025-07-01","name":"[variables(\'masterNsgName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","properties":{"securityRules":"[concat(variables(\'masterRules\'), variables(\'vnetOnlyRules\'))]"}},{"type":"Microsoft.Network/networkSecurityGroups","apiVersion":"2025-07-01","name":"[variables(\'agentNsgName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","properties":{"securityRules":"[concat(variables(\'agentRules\'), variables(\'vnetOnlyRules\'))]"}},{"type":"Microsoft.Network/publicIPAddresses","apiVersion":"2025-07-01","name":"[variables(\'natPublicIpName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","sku":{"name":"Standard","tier":"Regional"},"properties":{"publicIPAllocationMethod":"Static","publicIPAddressVersion":"IPv4"}},{"type":"Microsoft.Network/natGateways","apiVersion":"2025-07-01","name":"[variables(\'natGatewayName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","sku":{"name":"Standard"},"dependsOn":["[resourceId(\'Microsoft.Network/publicIPAddresses\', variables(\'natPublicIpName\'))]"],"properties":{"idleTimeoutInMinutes":4,"publicIpAddresses":[{"id":"[resourceId(\'Microsoft.Network/publicIPAddresses\', variables(\'natPublicIpName\'))]"}]}},{"type":"Microsoft.Network/virtualNetworks","apiVersion":"2025-07-01","name":"[variables(\'vnetName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","dependsOn":["[resourceId(\'Microsoft.Network/networkSecurityGroups\', variables(\'masterNsgName\'))]","[resourceId(\'Microsoft.Network/networkSecurityGroups\', variables(\'agentNsgName\'))]","[resourceId(\'Microsoft.Network/natGateways\', variables(\'natGatewayName\'))]"],"properties":{"addressSpace":{"addressPrefixes":["[variables(\'vnetPrefix\')]"]},"subnets":[{"name":"[variables(\'masterSubnetName\')]","properties":{"addressPrefix":"[variables(\'masterSubnetPrefix\')]","defaultOutboundAccess":false,"networkSecurityGroup":{"id":"[resourceId(\'Microsoft.Network/networkSecurityGroups\', variables(\'masterNsgName\'))]"},"serviceEndpoints":[{"service":"Microsoft.Storage"}]}},{"name":"[variables(\'agentSubnetName\')]","properties":{"addressPrefix":"[variables(\'agentSubnetPrefix\')]","defaultOutboundAccess":false,"networkSecurityGroup":{"id":"[resourceId(\'Microsoft.Network/networkSecurityGroups\', variables(\'agentNsgName\'))]"},"natGateway":{"id":"[resourceId(\'Microsoft.Network/natGateways\', variables(\'natGatewayName\'))]"},"serviceEndpoints":[{"service":"Microsoft.Storage"}]}}]}},{"condition":"[parameters(\'fileShareEnabled\')]","type":"Microsoft.Storage/storageAccounts","apiVersion":"2026-04-01","name":"[variables(\'storageAccountName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","kind":"StorageV2","sku":{"name":"Standard_LRS"},"dependsOn":["[resourceId(\'Microsoft.Network/virtualNetworks\', variables(\'vnetName\'))]"],"properties":{"minimumTlsVersion":"TLS1_2","supportsHttpsTrafficOnly":true,"allowBlobPublicAccess":false,"allowSharedKeyAccess":true,"publicNetworkAccess":"Enabled","networkAcls":{"defaultAction":"Deny","bypass":"AzureServices","virtualNetworkRules":[{"id":"[variables(\'masterSubnetId\')]","action":"Allow"},{"id":"[variables(\'agentSubnetId\')]","action":"Allow"}]}}},{"condition":"[parameters(\'fileShareEnabled\')]","type":"Microsoft.Storage/storageAccounts/fileServices","apiVersion":"2026-04-01","name":"[format(\'{0}/default\', variables(\'storageAccountName\'))]","dependsOn":["[variables(\'storageAccountId\')]"],"properties":{"protocolSettings":{"smb":{"versions":"SMB3.1.1","authenticationMethods":"NTLMv2;Kerberos","channelEncryption":"AES-128-GCM;AES-256-GCM"}}}},{"condition":"[parameters(\'fileShareEnabled\')]","type":"Microsoft.Storage/storageAccounts/fileServices/shares","apiVersion":"2026-04-01","name":"[format(\'{0}/default/{1}\', variables(\'storageAccountName\'), variables(\'fileShareName\'))]","dependsOn":["[resourceId(\'Microsoft.Storage/storageAccounts/fileServices\', variables(\'storageAccountName\'), \'default\')]"],"properties":{"enabledProtocols":"SMB","accessTier":"TransactionOptimized","shareQuota":"[parameters(\'fileShareQuotaGB\')]"}},{"type":"Microsoft.Compute/availabilitySets","apiVersion":"2025-11-01","name":"[variables(\'availabilitySetName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","sku":{"name":"Aligned"},"properties":{"platformFaultDomainCount":"[parameters(\'faultDomainCount\')]","platformUpdateDomainCount":"[parameters(\'updateDomainCount\')]"}},{"type":"Microsoft.Network/publicIPAddresses","apiVersion":"2025-07-01","name":"[format(\'master{0}-ip\', copyIndex())]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","copy":{"name":"masterIps","count":"[parameters(\'masterCount\')]"},"sku":{"name":"Standard","tier":"Regional"},"properties":{"publicIPAllocationMethod":"Static","publicIPAddressVersion":"IPv4","dnsSettings":{"domainNameLabel":"[format(\'{0}-master{1}-{2}\', parameters(\'dnsPrefix\'), copyIndex(), variables(\'dnsLabelSuffix\'))]"}}},{"type":"Microsoft.Network/networkInterfaces","apiVersion":"2025-07-01","name":"[format(\'master{0}-nic\', copyIndex())]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","copy":{"name":"masterNics","count":"[parameters(\'masterCount\')]"},"dependsOn":["[resourceId(\'Microsoft.Network/virtualNetworks\', variables(\'vnetName\'))]","[resourceId(\'Microsoft.Network/publicIPAddresses\', format(\'master{0}-ip\', copyIndex()))]"],"properties":{"ipConfigurations":[{"name":"ipconfig","properties":{"primary":true,"privateIPAllocationMethod":"Static","privateIPAddress":"[format(\'{0}{1}\', variables(\'masterAddressPrefix\'), add(variables(\'masterAddressOffset\'), copyIndex()))]","subnet":{"id":"[variables(\'masterSubnetId\')]"},"publicIPAddress":{"id":"[resourceId(\'Microsoft.Network/publicIPAddresses\', format(\'master{0}-ip\', copyIndex()))]"}}}]}},{"type":"Microsoft.Compute/virtualMachines","apiVersion":"2025-11-01","name":"[format(\'master{0}\', copyIndex())]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","copy":{"name":"masters","count":"[parameters(\'masterCount\')]"},"dependsOn":["[resourceId(\'Microsoft.Network/networkInterfaces\', format(\'master{0}-nic\', copyIndex()))]","[resourceId(\'Microsoft.Compute/availabilitySets\', variables(\'availabilitySetName\'))]","[resourceId(\'Microsoft.Storage/storageAccounts/fileServices/shares\', variables(\'storageAccountName\'), \'default\', variables(\'fileShareName\'))]"],"properties":{"availabilitySet":{"id":"[resourceId(\'Microsoft.Compute/availabilitySets\', variables(\'availabilitySetName\'))]"},"hardwareProfile":{"vmSize":"[parameters(\'masterSize\')]"},"osProfile":{"computerName":"[format(\'master{0}\', copyIndex())]","adminUsername":"[parameters(\'adminUsername\')]","customData":"[base64(replace(replace(parameters(\'masterCloudInit\'), variables(\'storageAccountPlaceholder\'), variables(\'storageAccountName\')), variables(\'storageSuffixPlaceholder\'), environment().suffixes.storage))]","linuxConfiguration":"[variables(\'linuxConfiguration\')]"},"storageProfile":{"imageReference":"[variables(\'imageReference\')]","osDisk":"[variables(\'masterOsDisk\')]"},"securityProfile":"[variables(\'securityProfile\')]","networkProfile":{"networkInterfaces":[{"id":"[resourceId(\'Microsoft.Network/networkInterfaces\', format(\'master{0}-nic\', copyIndex()))]","properties":{"primary":true,"deleteOption":"Delete"}}]},"diagnosticsProfile":"[variables(\'bootDiagnostics\')]"}},{"condition":"[parameters(\'fileShareEnabled\')]","type":"Microsoft.Compute/virtualMachines/extensions","apiVersion":"2025-11-01","name":"[format(\'master{0}/srv-credentials\', copyIndex())]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","copy":{"name":"masterShareCredentials","count":"[parameters(\'masterCount\')]"},"dependsOn":["[resourceId(\'Microsoft.Compute/virtualMachines\', format(\'master{0}\', copyIndex()))]"],"properties":"[union(variables(\'shareCredentialsExtension\'), createObject(\'protectedSettings\', createObject(\'script\', base64(format(variables(\'shareCredentialsScript\'), variables(\'storageAccountName\'), if(parameters(\'fileShareEnabled\'), listKeys(variables(\'storageAccountId\'), \'2026-04-01\').keys[0].value, \'\'))))))]"},{"type":"Microsoft.Network/publicIPAddresses","apiVersion":"2025-07-01","name":"[variables(\'loadBalancerPublicIpName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","sku":{"name":"Standard","tier":"Regional"},"properties":{"publicIPAllocationMethod":"Static","publicIPAddressVersion":"IPv4","dnsSettings":{"domainNameLabel":"[format(\'{0}-agents-lb-{1}\', parameters(\'dnsPrefix\'), variables(\'dnsLabelSuffix\'))]"}}},{"type":"Microsoft.Network/loadBalancers","apiVersion":"2025-07-01","name":"[variables(\'loadBalancerName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","sku":{"name":"Standard","tier":"Regional"},"dependsOn":["[resourceId(\'Microsoft.Network/publicIPAddresses\', variables(\'loadBalancerPublicIpName\'))]"],"properties":{"frontendIPConfigurations":[{"name":"[variables(\'loadBalancerFrontendName\')]","properties":{"publicIPAddress":{"id":"[resourceId(\'Microsoft.Network/publicIPAddresses\', variables(\'loadBalancerPublicIpName\'))]"}}}],"backendAddressPools":[{"name":"[variables(\'loadBalancerBackendName\')]"}],"probes":[{"name":"[variables(\'loadBalancerProbeName\')]","properties":{"protocol":"Http","port":"[parameters(\'healthPort\')]","requestPath":"/healthz","intervalInSeconds":5,"probeThreshold":2}}],"copy":[{"name":"loadBalancingRules","count":"[length(parameters(\'servicePorts\'))]","input":{"name":"[format(\'service-{0}\', parameters(\'servicePorts\')[copyIndex(\'loadBalancingRules\')])]","properties":{"protocol":"Tcp","frontendPort":"[parameters(\'servicePorts\')[copyIndex(\'loadBalancingRules\')]]","backendPort":"[parameters(\'servicePorts\')[copyIndex(\'loadBalancingRules\')]]","frontendIPConfiguration":{"id":"[resourceId(\'Microsoft.Network/loadBalancers/frontendIPConfigurations\', variables(\'loadBalancerName\'), variables(\'loadBalancerFrontendName\'))]"},"backendAddressPool":{"id":"[resourceId(\'Microsoft.Network/loadBalancers/backendAddressPools\', variables(\'loadBalancerName\'), variables(\'loadBalancerBackendName\'))]"},"probe":{"id":"[resourceId(\'Microsoft.Network/loadBalancers/probes\', variables(\'loadBalancerName\'), variables(\'loadBalancerProbeName\'))]"},"disableOutboundSnat":true,"enableTcpReset":true,"idleTimeoutInMinutes":4,"loadDistribution":"Default"}}}]}},{"type":"Microsoft.Compute/virtualMachineScaleSets","apiVersion":"2025-11-01","name":"[parameters(\'agentPrefix\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","sku":{"name":"[parameters(\'agentSize\')]","tier":"Standard","capacity":"[parameters(\'agentCount\')]"},"dependsOn":["[resourceId(\'Microsoft.Network/virtualNetworks\', variables(\'vnetName\'))]","[resourceId(\'Microsoft.Network/loadBalancers\', variables(\'loadBalancerName\'))]","[resourceId(\'Microsoft.Storage/storageAccounts/fileServices/shares\', variables(\'storageAccountName\'), \'default\', variables(\'fileShareName\'))]"],"properties":{"orchestrationMode":"Uniform","overprovision":false,"upgradePolicy":{"mode":"Manual"},"scaleInPolicy":{"rules":["NewestVM"]},"virtualMachineProfile":{"osProfile":{"computerNamePrefix":"[parameters(\'agentPrefix\')]","adminUsername":"[parameters(\'adminUsername\')]","customData":"[base64(replace(replace(parameters(\'agentCloudInit\'), variables(\'storageAccountPlaceholder\'), variables(\'storageAccountName\')), variables(\'storageSuffixPlaceholder\'), environment().suffixes.storage))]","linuxConfiguration":"[variables(\'linuxConfiguration\')]"},"storageProfile":{"imageReference":"[variables(\'imageReference\')]","osDisk":"[variables(\'agentOsDisk\')]"},"securityProfile":"[variables(\'securityProfile\')]","networkProfile":{"networkInterfaceConfigurations":[{"name":"agent-nic","properties":{"primary":true,"ipConfigurations":[{"name":"ipconfig","properties":{"subnet":{"id":"[variables(\'agentSubnetId\')]"},"loadBalancerBackendAddressPools":[{"id":"[resourceId(\'Microsoft.Network/loadBalancers/backendAddressPools\', variables(\'loadBalancerName\'), variables(\'loadBalancerBackendName\'))]"}]}}]}}]},"scheduledEventsProfile":{"terminateNotificationProfile":{"enable":true,"notBeforeTimeout":"[parameters(\'terminateNotBeforeTimeout\')]"}},"diagnosticsProfile":"[variables(\'bootDiagnostics\')]","extensionProfile":{"copy":[{"name":"extensions","count":"[if(parameters(\'fileShareEnabled\'), 1, 0)]","input":{"name":"srv-credentials","properties":"[union(variables(\'shareCredentialsExtension\'), createObject(\'protectedSettings\', createObject(\'script\', base64(format(variables(\'shareCredentialsScript\'), variables(\'storageAccountName\'), if(parameters(\'fileShareEnabled\'), listKeys(variables(\'storageAccountId\'), \'2026-04-01\').keys[0].value, \'\'))))))]"}}]}}}},{"type":"Microsoft.Insights/autoscalesettings","apiVersion":"2022-10-01","name":"[variables(\'autoscaleName\')]","location":"[parameters(\'location\')]","tags":"[parameters(\'tags\')]","dependsOn":["[variables(\'scaleSetId\')]"],"properties":{"name":"[variables(\'autoscaleName\')]","enabled":"[parameters(\'autoscaleEnabled\')]","targetResourceUri":"[variables(\'scaleSetId\')]","profiles":[{"name":"cpu","capacity":{"minimum":"[string(parameters(\'minAgentCount\'))]","maximum":"[string(parameters(\'maxAgentCount\'))]","default":"[string(parameters(\'agentCount\'))]"},"rules":[{"metricTrigger":{"metricName":"Percentage CPU","metricNamespace":"microsoft.compute/virtualmachinescalesets","metricResourceUri":"[variables(\'scaleSetId\')]","timeGrain":"PT1M","statistic":"Average","timeWindow":"PT5M","timeAggregation":"Average","operator":"GreaterThan","threshold":75},"scaleAction":{"direction":"Increase","type":"ChangeCount","value":"1","cooldown":"PT5M"}},{"metricTrigger":{"metricName":"Percentage CPU","metricNamespace":"microsoft.compute/virtualmachinescalesets","metricResourceUri":"[variables(\'scaleSetId\')]","timeGrain":"PT1M","statistic":"Average","timeWindow":"PT10M","timeAggregation":"Average","operator":"LessThan","threshold":25},"scaleAction":{"direction":"Decrease","type":"ChangeCount","value":"1","cooldown":"PT10M"}}]}]}}],"outputs":{"masterFqdns":{"type":"array","copy":{"count":"[parameters(\'masterCount\')]","input":"[reference(resourceId(\'Microsoft.Network/publicIPAddresses\', format(\'master{0}-ip\', copyIndex()))).dnsSettings.fqdn]"}},"master0Fqdn":{"type":"string","value":"[reference(resourceId(\'Microsoft.Network/publicIPAddresses\', \'master0-ip\')).dnsSettings.fqdn]"},"agentsFqdn":{"type":"string","value":"[reference(resourceId(\'Microsoft.Network/publicIPAddresses\', variables(\'loadBalancerPublicIpName\'))).dnsSettings.fqdn]"},"scaleSetName":{"type":"string","value":"[parameters(\'agentPrefix\')]"},"adminUsername":{"type":"string","value":"[parameters(\'adminUsername\')]"},"masterPrivateAddresses":{"type":"array","copy":{"count":"[parameters(\'masterCount\')]","input":"[format(\'{0}{1}\', variables(\'masterAddressPrefix\'), add(variables(\'masterAddressOffset\'), copyIndex()))]"}},"loadBalancerName":{"type":"string","value":"[variables(\'loadBalancerName\')]"},"helperPort":{"type":"int","value":"[parameters(\'helperPort\')]"},"healthPort":{"type":"int","value":"[parameters(\'healthPort\')]"},"servicePorts":{"type":"array","value":"[parameters(\'servicePorts\')]"},"storageAccountName":{"type":"string","value":"[if(parameters(\'fileShareEnabled\'), variables(\'storageAccountName\'), \'\')]"},"fileShareName":{"type":"string","value":"[if(parameters(\'fileShareEnabled\'), variables(\'fileShareName\'), \'\')]"}}}');
// EXTERNAL MODULE: ./build/src/core/errors.js
var errors = __webpack_require__(3026);
// EXTERNAL MODULE: ./build/src/render/cluster-secret.js
var cluster_secret = __webpack_require__(8133);
// EXTERNAL MODULE: ./build/src/render/parameters.js
var parameters = __webpack_require__(6176);
;// CONCATENATED MODULE: ./build/src/providers/azure/render.js
// What an Azure deploy sends: arm/cluster.json (bundled as JSON, so an action used from another
// repository carries it) and its parameters rendered from the settings and the cluster's secrets:
// derived from a cluster secret (the same on every run), or fresh ones for a new cluster.





function renderAzureDeployment(settings, context, options = {}) {
    const { adminPrivateKey, clusterSecret, clusterPurpose = cluster_secret/* defaultClusterPurpose */.g_ } = options;
    if (!clusterSecret && context.clusterExists) {
        throw new errors/* SettingError */.L_('cluster-secret', `is required to update the existing cluster in resource group ${settings.name}: without it this run would make a new helper secret ` +
            'and master SSH host key (the first run\'s random ones cannot be recovered), and Azure refuses to change the customData and SSH keys of existing VMs ' +
            '(PropertyChangeNotAllowed). Deploy with the same cluster-secret every time, or delete the group (teardown) first');
    }
    const secrets = clusterSecret ? (0,cluster_secret/* deriveClusterSecrets */.j1)(clusterSecret, settings.name, clusterPurpose) : (0,parameters/* generateClusterSecrets */.$D)(settings.name);
    return {
        template: cluster_namespaceObject,
        parameters: (0,parameters/* renderDeploymentParameters */.y$)(settings, secrets).parameters,
        ssh: { ...(adminPrivateKey ? { privateKey: adminPrivateKey } : {}), hostKeys: (0,cluster_secret/* masterHostPublicKeys */.Cm)(secrets) },
        secrets: (0,parameters/* secretValues */.VX)(secrets),
    };
}
//# sourceMappingURL=render.js.map

/***/ }),

/***/ 1146:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mv: () => (/* binding */ renderCloudInit)
/* harmony export */ });
/* unused harmony exports storagePlaceholders, aptRetries, nodePaths */
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _core_assets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6700);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3026);
/* harmony import */ var _helper_keys_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(597);
/* harmony import */ var _core_validate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5503);
// Renders the cloud-config of a master or an agent: the same document boots an Azure VM and a
// lab node. Built as an object and dumped with `yaml`, never by text substitution; the node
// software itself comes from cloud-init/ (embedded assets). See cloud-init/README.md.






/**
 * Replaced by the ARM template at deploy time: the share's account name (fixed per resource
 * group) and the cloud's storage suffix (`environment().suffixes.storage`). Never the key: it
 * reaches the nodes in an extension's protected settings, so customData never changes.
 */
const storagePlaceholders = {
    account: '__AZSWARM_STORAGE_ACCOUNT__',
    suffix: '__AZSWARM_STORAGE_SUFFIX__',
};
/** Apt retries each download this often: one mirror hiccup must not fail the first boot. */
const aptRetries = 5;
/** Where the node software lives on every node; the lab writes the same paths. */
const nodePaths = {
    config: '/etc/swarm-cluster/cluster.json',
    helperKey: '/etc/swarm-cluster/helper.key',
    agentRootKey: '/etc/swarm-cluster/agent-root.key',
    nodeKey: '/etc/swarm-cluster/node.key',
    shareCredentials: '/etc/swarm-cluster/srv.cred',
    aptRetries: '/etc/apt/apt.conf.d/80-swarm-cluster-retries',
    dockerNeedsShare: '/etc/systemd/system/docker.service.d/swarm-cluster-srv.conf',
    script: '/usr/local/lib/swarm-cluster/swarm-node.py',
    // The script's code, imported by it (so that Python keeps its bytecode: see swarm-node.py).
    code: '/usr/local/lib/swarm-cluster/swarm_node.py',
    units: '/etc/systemd/system',
};
const MIN_SECRET_HEX = 32;
function rootFile(path, content, permissions) {
    return { path, content, permissions, owner: 'root:root' };
}
/**
 * The node script is most of the document: gzip it (cloud-init's `gz+b64` encoding) so that
 * customData keeps ample room under Azure's 64 KB limit. Node's gzip header carries no
 * timestamp, so the output (and so the bundles and tests) stays deterministic.
 */
function compressedFile(path, content, permissions) {
    return { ...rootFile(path, (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.gzipSync)(content, { level: 9 }).toString('base64'), permissions), encoding: 'gz+b64' };
}
function unitFile(name) {
    return rootFile(`${nodePaths.units}/${name}`, (0,_core_assets_js__WEBPACK_IMPORTED_MODULE_2__/* .asset */ .L)(`cloud-init/units/${name}`), '0644');
}
/** The long-running and boot units of a role, in the order they should start. */
function unitsOf(role, fileShare) {
    return [
        ...(fileShare ? ['srv.mount'] : []),
        'swarm-health.service',
        role === 'master' ? 'swarm-helper.service' : 'swarm-events.service',
        'swarm-join.service',
    ];
}
function checkInput(input) {
    const problem = (message) => new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ToolkitError */ .h4(`cloud-init (${input.role}): ${message}`, 'cloud-init-input');
    if (input.node.role !== input.role)
        throw problem(`node.role is ${input.node.role}, expected ${input.role}`);
    if (!/^[0-9a-f]+$/i.test(input.helperSecret) || input.helperSecret.length < MIN_SECRET_HEX) {
        throw problem(`helperSecret must be hex, at least ${MIN_SECRET_HEX} characters`);
    }
    if (input.role === 'master' && !input.hostKey)
        throw problem('hostKey is required on masters: clients pin it');
    if (input.rsaHostKey && !input.hostKey)
        throw problem('rsaHostKey comes with hostKey (the ed25519 pair clients pin first)');
    if (input.node.masters.length === 0)
        throw problem('node.masters must name at least one master');
    if (input.agentName !== undefined && (input.role !== 'agent' || !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(input.agentName))) {
        throw problem('agentName is for agents only and must be a hostname label (1-63 letters, digits or -)');
    }
    const swapSize = input.swapSizeMiB ?? 0;
    if (!Number.isInteger(swapSize) || swapSize < 0 || swapSize > _core_validate_js__WEBPACK_IMPORTED_MODULE_5__/* .maxSwapSizeMiB */ .ff) {
        throw problem(`swapSizeMiB must be a whole number from 0 to ${_core_validate_js__WEBPACK_IMPORTED_MODULE_5__/* .maxSwapSizeMiB */ .ff}, got ${swapSize}`);
    }
}
/** Each role's helper keys (0600): see src/render/helper-keys.ts. */
function keyFiles(input) {
    const keys = (0,_helper_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .helperKeys */ .T)(input.helperSecret);
    if (input.role === 'master')
        return [rootFile(nodePaths.helperKey, `${keys.master}\n`, '0600'), rootFile(nodePaths.agentRootKey, `${keys.agentRoot}\n`, '0600')];
    if (input.agentName !== undefined)
        return [rootFile(nodePaths.nodeKey, `${(0,_helper_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .nodeHelperKey */ .i)(keys.agentRoot, input.agentName)}\n`, '0600')];
    return [rootFile(nodePaths.agentRootKey, `${keys.agentRoot}\n`, '0600')];
}
function writeFiles(input) {
    const units = unitsOf(input.role, input.fileShare).map(unitFile);
    // The credentials file comes later, from the extension (see storagePlaceholders); until then
    // the mount fails and docker, which requires it, waits.
    const share = input.fileShare
        ? [rootFile(nodePaths.dockerNeedsShare, '# Tasks must never start on an empty /srv (the share not mounted yet).\n[Unit]\nRequiresMountsFor=/srv\n', '0644')]
        : [];
    return [
        rootFile(nodePaths.aptRetries, `Acquire::Retries "${aptRetries}";\n`, '0644'),
        rootFile(nodePaths.config, `${JSON.stringify(input.node, null, 2)}\n`, '0644'),
        ...keyFiles(input),
        compressedFile(nodePaths.script, (0,_core_assets_js__WEBPACK_IMPORTED_MODULE_2__/* .asset */ .L)('cloud-init/swarm-node.py'), '0755'),
        compressedFile(nodePaths.code, (0,_core_assets_js__WEBPACK_IMPORTED_MODULE_2__/* .asset */ .L)('cloud-init/swarm_node.py'), '0644'),
        ...share,
        ...units,
    ];
}
function hostKeys(input) {
    if (!input.hostKey)
        return {};
    const rsa = input.rsaHostKey;
    return {
        // Only the pinned keys: stale image keys are deleted and no other type is generated.
        ssh_deletekeys: true,
        ssh_genkeytypes: rsa ? ['ed25519', 'rsa'] : ['ed25519'],
        ssh_keys: {
            ed25519_private: input.hostKey.privateKey,
            ed25519_public: input.hostKey.publicKey,
            ...(rsa ? { rsa_private: rsa.privateKey, rsa_public: rsa.publicKey } : {}),
        },
    };
}
/** cc_mounts runs in the init stage, before package installs (config and final stages) need memory. */
function swap(input) {
    if (!input.swapSizeMiB)
        return {};
    const bytes = input.swapSizeMiB * 1024 * 1024;
    return { swap: { filename: '/swapfile', size: bytes, maxsize: bytes } };
}
function renderCloudInit(input) {
    checkInput(input);
    const document = {
        package_update: true,
        // Ubuntu's own archive: no third-party key server, nothing the cluster does not use.
        packages: ['docker.io', ...(input.fileShare ? ['cifs-utils'] : [])],
        users: [
            {
                name: input.adminUsername,
                groups: ['docker'],
                shell: '/bin/bash',
                sudo: 'ALL=(ALL) NOPASSWD:ALL',
                lock_passwd: true,
                ssh_authorized_keys: [input.sshPublicKey.trim()],
            },
        ],
        disable_root: true,
        ssh_pwauth: false,
        ...hostKeys(input),
        ...swap(input),
        write_files: writeFiles(input),
        // Only systemctl: all logic lives in the units, so the lab can stand in for systemd. No
        // separate daemon-reload: `enable` reloads systemd itself before `--now` starts the units
        // (and reads the drop-ins write_files wrote); each reload reruns every generator, ~0.25
        // CPU-s of a node's boot (measured in a real-boot lab node).
        runcmd: [`systemctl enable --now --no-block ${unitsOf(input.role, input.fileShare).join(' ')}`],
    };
    return `#cloud-config\n${(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .stringify */ .As)(document, { lineWidth: 0 })}`;
}
//# sourceMappingURL=cloud-init.js.map

/***/ }),

/***/ 597:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ helperKeys),
/* harmony export */   i: () => (/* binding */ nodeHelperKey)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
// The swarm helper's keys, derived from the cluster's helper secret so that each role holds only
// what it needs: masters the master key (every endpoint, manager tokens included) and the agent
// root (to check node keys); an agent only the node key of its own name, or, in an Azure scale
// set whose customData is the same for every instance, the agent root (it derives its own node
// key from the name the metadata service gives it). cloud-init/swarm-node.py derives the same
// keys; docs/security.md says what each holder can and cannot do.

const infos = {
    master: 'azure-swarm-toolkit/v2/helper/master',
    agentRoot: 'azure-swarm-toolkit/v2/helper/agent-root',
    node: 'azure-swarm-toolkit/v2/helper/node/',
};
/** HKDF-Expand (RFC 5869) of 32 bytes: a single HMAC-SHA256 block over info || 0x01. */
function expand(prk, info) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', prk).update(info).update(Buffer.from([1])).digest();
}
function helperKeys(helperSecret) {
    const root = Buffer.from(helperSecret, 'hex');
    return { master: expand(root, infos.master).toString('hex'), agentRoot: expand(root, infos.agentRoot).toString('hex') };
}
/** Hex: the key of the agent named `name` (its hostname); valid for requests about that name only. */
function nodeHelperKey(agentRoot, name) {
    return expand(Buffer.from(agentRoot, 'hex'), `${infos.node}${name}`).toString('hex');
}
//# sourceMappingURL=helper-keys.js.map

/***/ }),

/***/ 6176:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $D: () => (/* binding */ generateClusterSecrets),
/* harmony export */   VX: () => (/* binding */ secretValues),
/* harmony export */   y$: () => (/* binding */ renderDeploymentParameters)
/* harmony export */ });
/* unused harmony exports deploymentParametersSchema, azureDefaults, smallSizeSwapMiB, swapSizeMiBFor, azureNodeConfig, renderAzureCloudInit, masterHostPattern */
/* harmony import */ var _cloud_init_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1146);
/* harmony import */ var _helper_keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(597);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5400);
/* harmony import */ var _node_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3531);




const deploymentParametersSchema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';
/** Fixed choices of the template that are not user settings. */
const azureDefaults = {
    agentPrefix: 'agents',
    metadataUrl: 'http://169.254.169.254',
    /** Scheduled Events terminate notification: Azure accepts PT5M to PT15M. */
    terminateNotBeforeTimeout: 'PT5M',
    downGraceSeconds: 300,
    drainTimeoutSeconds: 120,
    // Preempt gives 30 s notice; the metadata service allows 5 requests a second: twice a second
    // leaves on average a quarter of a second (not half) between an event and its drain.
    eventPollSeconds: 0.5,
    osDiskType: 'StandardSSD_LRS',
    osDiskSizeGB: 32,
    fileShareQuotaGB: 100,
};
function generateClusterSecrets(cluster) {
    return {
        helperSecret: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateHelperSecret */ .a$)(),
        masterHostKey: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateHostKeyPair */ .bi)(cluster),
        masterRsaHostKey: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateRsaHostKeyPair */ .hO)(cluster),
        agentHostKey: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateHostKeyPair */ .bi)(cluster),
        agentRsaHostKey: (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .generateRsaHostKeyPair */ .hO)(cluster),
    };
}
/**
 * Sizes with 2 GiB of memory or less (Ubuntu's Azure image has no swap): apt, docker.io,
 * walinuxagent and snapd together can run them out of memory on the first boot.
 */
const smallVmSizes = new Set([
    'standard_b1ls', 'standard_b1s', 'standard_b1ms', 'standard_b2ts_v2', 'standard_b2ats_v2', 'standard_b2pts_v2',
    'standard_a1_v2', 'standard_a0', 'standard_a1', 'basic_a0', 'basic_a1',
]);
/** A 2 GiB swap file for small sizes, none for the others. */
const smallSizeSwapMiB = 2048;
function swapSizeMiBFor(vmSize) {
    return smallVmSizes.has(vmSize.toLowerCase()) ? smallSizeSwapMiB : 0;
}
/** Every value of `secrets` (and the helper keys derived from it) that must be masked in logs. */
function secretValues(secrets) {
    const keys = (0,_helper_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .helperKeys */ .T)(secrets.helperSecret);
    return [
        secrets.helperSecret, keys.master, keys.agentRoot,
        secrets.masterHostKey.privateKey, secrets.masterRsaHostKey.privateKey, secrets.agentHostKey.privateKey, secrets.agentRsaHostKey.privateKey,
    ];
}
function azureNodeConfig(settings, role) {
    return {
        cluster: settings.name,
        role,
        masters: masterIndexes(settings).map((index) => ({ name: `master${index}`, address: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .azureNetwork */ .E.masterAddress(index) })),
        helperPort: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.helper,
        healthPort: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.health,
        metadataUrl: azureDefaults.metadataUrl,
        downGraceSeconds: azureDefaults.downGraceSeconds,
        drainTimeoutSeconds: azureDefaults.drainTimeoutSeconds,
        eventPollSeconds: azureDefaults.eventPollSeconds,
    };
}
/** The plain cloud-config text of masters and agents (the template base64-encodes it). */
function renderAzureCloudInit(settings, secrets) {
    const common = {
        adminUsername: settings.adminUsername,
        sshPublicKey: settings.sshPublicKey,
        helperSecret: secrets.helperSecret,
        fileShare: settings.fileShare,
    };
    return {
        master: (0,_cloud_init_js__WEBPACK_IMPORTED_MODULE_0__/* .renderCloudInit */ .Mv)({
            ...common,
            role: 'master',
            node: azureNodeConfig(settings, 'master'),
            hostKey: secrets.masterHostKey,
            rsaHostKey: secrets.masterRsaHostKey,
            swapSizeMiB: settings.swapSizeMiB ?? swapSizeMiBFor(settings.masterSize),
        }),
        agent: (0,_cloud_init_js__WEBPACK_IMPORTED_MODULE_0__/* .renderCloudInit */ .Mv)({
            ...common,
            role: 'agent',
            node: azureNodeConfig(settings, 'agent'),
            hostKey: secrets.agentHostKey,
            rsaHostKey: secrets.agentRsaHostKey,
            swapSizeMiB: settings.swapSizeMiB ?? swapSizeMiBFor(settings.agentSize),
        }),
    };
}
function renderDeploymentParameters(settings, secrets) {
    const cloudInit = renderAzureCloudInit(settings, secrets);
    const values = {
        // Absent: the template defaults to the resource group's location.
        ...(settings.location === undefined ? {} : { location: settings.location }),
        dnsPrefix: settings.dnsPrefix,
        masterCount: settings.masterCount,
        masterSize: settings.masterSize,
        agentSize: settings.agentSize,
        agentPrefix: azureDefaults.agentPrefix,
        agentCount: settings.agentCount,
        minAgentCount: settings.minAgentCount,
        maxAgentCount: settings.maxAgentCount,
        autoscaleEnabled: settings.autoscale,
        adminUsername: settings.adminUsername,
        adminPublicKey: settings.sshPublicKey,
        allowedSshCidr: settings.allowedSshCidr,
        healthPort: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.health,
        helperPort: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.helper,
        servicePorts: _node_config_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultPorts */ .g.services,
        terminateNotBeforeTimeout: azureDefaults.terminateNotBeforeTimeout,
        osDiskType: azureDefaults.osDiskType,
        osDiskSizeGB: azureDefaults.osDiskSizeGB,
        fileShareEnabled: settings.fileShare,
        faultDomainCount: settings.faultDomainCount,
        updateDomainCount: settings.updateDomainCount,
        fileShareQuotaGB: azureDefaults.fileShareQuotaGB,
        masterCloudInit: cloudInit.master,
        agentCloudInit: cloudInit.agent,
        tags: settings.tags,
    };
    return {
        $schema: deploymentParametersSchema,
        contentVersion: '1.0.0.0',
        parameters: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value }])),
    };
}
/**
 * A known_hosts pattern for every master's FQDN before the deployment: the labels end in a
 * suffix only Azure computes (uniqueString of the group) and the domain depends on the cloud,
 * so FQDNs themselves come only from the deployment's outputs.
 */
function masterHostPattern(settings) {
    return `${settings.dnsPrefix}-master?-*`;
}
function masterIndexes(settings) {
    return Array.from({ length: settings.masterCount }, (_, index) => index);
}
//# sourceMappingURL=parameters.js.map

/***/ })

};
