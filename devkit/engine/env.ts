// n8n-core reads these when it loads: without them it would write $HOME/.n8n/config.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'altcraft-n8n-'));
process.env.N8N_ENCRYPTION_KEY ??= 'altcraft-node-tests';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
