// The actions run as ncc-bundled ES modules, where CommonJS's __dirname does not exist; ssh2's
// emscripten-built poly1305 reads it when it loads. Imported FIRST by every action entry, so it
// is defined before any dependency is evaluated.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const scope = globalThis as { __dirname?: string };
scope.__dirname ??= dirname(fileURLToPath(import.meta.url));
