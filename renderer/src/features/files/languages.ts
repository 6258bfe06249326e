// Syntax highlighting by file name. Lezer grammars where CodeMirror has
// them; ported legacy modes (stream parsers, no eval) for the rest.
import { css } from '@codemirror/lang-css';
import { html } from '@codemirror/lang-html';
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { python } from '@codemirror/lang-python';
import { yaml } from '@codemirror/lang-yaml';
import { StreamLanguage } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { nginx } from '@codemirror/legacy-modes/mode/nginx';
import { properties } from '@codemirror/legacy-modes/mode/properties';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { toml } from '@codemirror/legacy-modes/mode/toml';
import type { Extension } from '@codemirror/state';

export function languageFor(fileName: string): { name: string; extension: Extension } | null {
  const lower = fileName.toLowerCase();
  const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || ext === 'dockerfile')
    return { name: 'Dockerfile', extension: StreamLanguage.define(dockerFile) };
  switch (ext) {
    case 'js':
    case 'mjs':
    case 'cjs':
    case 'jsx':
      return { name: 'JavaScript', extension: javascript({ jsx: true }) };
    case 'ts':
    case 'tsx':
      return { name: 'TypeScript', extension: javascript({ typescript: true, jsx: ext === 'tsx' }) };
    case 'json':
      return { name: 'JSON', extension: json() };
    case 'yml':
    case 'yaml':
      return { name: 'YAML', extension: yaml() };
    case 'py':
      return { name: 'Python', extension: python() };
    case 'css':
      return { name: 'CSS', extension: css() };
    case 'html':
    case 'htm':
      return { name: 'HTML', extension: html() };
    case 'md':
    case 'markdown':
      return { name: 'Markdown', extension: markdown() };
    case 'sh':
    case 'bash':
    case 'profile':
    case 'bashrc':
      return { name: 'Shell', extension: StreamLanguage.define(shell) };
    case 'toml':
      return { name: 'TOML', extension: StreamLanguage.define(toml) };
    case 'ini':
    case 'conf':
    case 'cfg':
    case 'properties':
    case 'env':
      if (lower.includes('nginx')) return { name: 'nginx', extension: StreamLanguage.define(nginx) };
      return { name: 'INI', extension: StreamLanguage.define(properties) };
    default:
      if (lower === '.env' || lower === '.bashrc' || lower === '.profile')
        return { name: 'Shell', extension: StreamLanguage.define(shell) };
      return null;
  }
}
