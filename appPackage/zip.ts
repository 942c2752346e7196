// `npm run package:app`: renders appPackage/manifest.json for one environment and zips it with
// the two icons into build/appPackage/appPackage.<env>.zip, the file you upload to Teams.
// The environment is TEAMSFX_ENV (default "dev"); its values come from env/.env.<env>, then
// env/.env.<env>.user (secrets, git-ignored), then the process environment, later ones winning.
// Placeholders are the Teams Toolkit's `${{NAME}}`. The toolkit's teamsApp/zipAppPackage does
// the same during `teamsapp provision`; this script needs no toolkit and no sign-in.
import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The files at the root of every app package, in this order. */
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

export type Env = Readonly<Record<string, string | undefined>>;

export class MissingVariablesError extends Error {
  readonly missing: readonly string[];
  constructor(missing: readonly string[], where: string) {
    super(`${where} uses ${missing.length} variable(s) that are missing or empty: ${missing.join(', ')}. ` + 'Set them in env/.env.<env> (or run `teamsapp provision`, which writes them).');
    this.name = 'MissingVariablesError';
    this.missing = missing;
  }
}

/**
 * Parses a .env file: `KEY=VALUE` lines; blank lines and `#` comments are skipped; an optional
 * leading `export `; values may be wrapped in single or double quotes; an unquoted value ends at
 * ` #` (an inline comment). Later duplicates win.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (match === null) {
      throw new Error(`cannot parse env line: ${raw}`);
    }
    const key = match[1] as string;
    let value = match[2] as string;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash);
      value = value.trim();
    }
    out[key] = value;
  }
  return out;
}

/** Every distinct `${{NAME}}` in a template, in order of first use. */
export function placeholdersIn(template: string): string[] {
  const seen = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) seen.add(m[1] as string);
  return [...seen];
}

/** The placeholders of a template that `env` leaves undefined or empty, sorted. */
export function missingVariables(template: string, env: Env): string[] {
  return placeholdersIn(template)
    .filter((name) => {
      const value = env[name];
      return value === undefined || value === '';
    })
    .sort();
}

/**
 * Substitutes `${{NAME}}` in a JSON template. Values are JSON-string-escaped (placeholders only
 * ever sit inside JSON strings). Throws MissingVariablesError naming every missing variable, and
 * an Error if the result is not valid JSON.
 */
export function renderManifest(template: string, env: Env, where = 'appPackage/manifest.json'): string {
  const missing = missingVariables(template, env);
  if (missing.length > 0) throw new MissingVariablesError(missing, where);
  const rendered = template.replace(PLACEHOLDER, (_all, name: string) => JSON.stringify(env[name] ?? '').slice(1, -1));
  try {
    JSON.parse(rendered);
  } catch (error) {
    throw new Error(`${where} is not valid JSON after substitution: ${(error as Error).message}`, { cause: error });
  }
  return rendered;
}

/** env/.env.<name>, then env/.env.<name>.user if present, then `overrides` (e.g. process.env). */
export function loadEnv(root: string, envName: string, overrides: Env = {}): Record<string, string> {
  const base = join(root, 'env', `.env.${envName}`);
  if (!existsSync(base)) {
    throw new Error(`environment "${envName}" has no file ${base}`);
  }
  const merged: Record<string, string> = { ...parseEnvFile(readFileSync(base, 'utf8')) };
  const user = `${base}.user`;
  if (existsSync(user)) Object.assign(merged, parseEnvFile(readFileSync(user, 'utf8')));
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined && value !== '') merged[key] = value;
  }
  return merged;
}

/** Builds the zip in memory: manifest.json (rendered) and the two icons, all at the root. */
export function zipAppPackage(manifest: string, colorPng: Buffer, outlinePng: Buffer): Buffer {
  const zip = new AdmZip(undefined, { noSort: true });
  zip.addFile('manifest.json', Buffer.from(manifest, 'utf8'));
  zip.addFile('color.png', colorPng);
  zip.addFile('outline.png', outlinePng);
  return zip.toBuffer();
}

export interface BuildOptions {
  /** Repository root; defaults to the folder above appPackage/. */
  root?: string;
  envName: string;
  /** Values that win over the env files (the CLI passes process.env). */
  overrides?: Env;
  /** Output folder; defaults to <root>/build/appPackage. */
  outDir?: string;
}

export interface BuildResult {
  zipPath: string;
  manifestPath: string;
  manifest: string;
}

export function buildAppPackage(options: BuildOptions): BuildResult {
  const root = options.root ?? fileURLToPath(new URL('..', import.meta.url));
  const appDir = join(root, 'appPackage');
  const env = loadEnv(root, options.envName, options.overrides);
  const manifest = renderManifest(readFileSync(join(appDir, 'manifest.json'), 'utf8'), env);
  const outDir = options.outDir ?? join(root, 'build', 'appPackage');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.envName}.zip`);
  const manifestPath = join(outDir, `manifest.${options.envName}.json`);
  writeFileSync(zipPath, zipAppPackage(manifest, readFileSync(join(appDir, 'color.png')), readFileSync(join(appDir, 'outline.png'))));
  writeFileSync(manifestPath, manifest);
  return { zipPath, manifestPath, manifest };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const envName = process.env.TEAMSFX_ENV ?? 'dev';
  try {
    const { zipPath } = buildAppPackage({ envName, overrides: process.env });
    console.log(`app package for "${envName}": ${zipPath}`);
  } catch (error) {
    console.error(`package:app failed for environment "${envName}" (env/.env.${envName}): ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
