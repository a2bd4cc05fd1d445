/**
 * Reading a bundle back from its files (a folder on disk, an unzipped download, the in-memory
 * map buildBundle made): the manifest is checked first (so a newer format is refused with a
 * message saying so), then rules.json, then the TensorFlow.js model's weights. rules.txt must
 * still say what rules.json says: an edited rules.txt is refused with the command that scores
 * the edited rules instead, never silently ignored.
 */
import { RuleClassifier, type RuleClassifierJSON } from '../classify/rule-classifier.ts';
import { formatRules, formatRuleTextError, parseRules } from '../rules/text.ts';
import { validateRuleSet } from '../rules/validate.ts';
import { BundleClassifier } from './classifier.ts';
import { ruleInputColumns } from './bundle.ts';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BundleError, checkManifest, type Manifest } from './manifest.ts';
import { fromLayersModel } from './tfjs-layers.ts';

/** The bundle's files by path ("manifest.json", "model/model.json", …); undefined when absent. */
export type BundleSource = (path: string) => Uint8Array | undefined;

const decoder = new TextDecoder();

function jsonFile(get: BundleSource, path: string, where: string): unknown {
  const bytes = get(path);
  if (!bytes) throw new BundleError(`there is no ${path} in this bundle`, where);
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (e) {
    throw new BundleError(`${path} is not valid JSON (${e instanceof Error ? e.message : String(e)})`, where);
  }
}

export function readBundle(get: BundleSource, where = 'bundle'): BundleClassifier {
  const manifest = checkManifest(jsonFile(get, 'manifest.json', where), `${where}/manifest.json`);
  let rules: RuleClassifierJSON | null = null;
  if (manifest.rules) {
    const json = jsonFile(get, 'rules.json', where) as Partial<RuleClassifierJSON> | null;
    const set = validateRuleSet(json?.ruleSet, 'ruleSet');
    if (json?.kind !== 'RuleClassifier' || !set.ok) throw new BundleError(`rules.json: ${set.ok ? 'expected kind "RuleClassifier"' : set.error}`, where);
    rules = json as RuleClassifierJSON;
    const text = get('rules.txt');
    if (text) {
      const parsed = parseRules(decoder.decode(text));
      const errors = parsed.errors.filter((e) => e.severity !== 'warning');
      const same = errors.length === 0 && formatRules({ rules: parsed.rules, defaultClass: parsed.defaultClass }) === formatRules(set.value);
      if (!same) {
        const why = errors.length ? ` (${formatRuleTextError(errors[0])})` : '';
        throw new BundleError(`rules.txt no longer says what rules.json says${why}: score the edited rules with \`machine-teacher predict --rules ${where}/rules.txt DATA\`, or export the bundle again`, where);
      }
    }
  }
  let net = null;
  if (manifest.model) {
    try {
      net = fromLayersModel(jsonFile(get, 'model/model.json', where), (p) => get(`model/${p}`), manifest.model.classes);
    } catch (e) {
      if (e instanceof BundleError) throw e;
      throw new BundleError(`model/model.json: ${e instanceof Error ? e.message : String(e)}`, where);
    }
    const f = manifest.input.features;
    if (f && f.dim !== net.dims[0]) throw new BundleError(`the model takes ${net.dims[0]} inputs but the manifest describes ${f.dim} features`, where);
  }
  return new BundleClassifier(manifest, rules, net);
}

/**
 * A classifier of rules alone, straight from rule text (what `predict --rules RULES.txt` runs):
 * the rule set as the app would compile it, classes = the rules' targets (then `else`), no
 * measured precision. Parse errors come back located (`file: line 3, col 12: …`).
 */
export function rulesClassifier(text: string, file: string): BundleClassifier {
  const parsed = parseRules(text);
  const error = parsed.errors.find((e) => e.severity !== 'warning');
  if (error) throw new BundleError(formatRuleTextError(error), file);
  const set = { rules: parsed.rules, defaultClass: parsed.defaultClass };
  const json = new RuleClassifier(set).toJSON();
  const manifest: Manifest = {
    format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, kind: 'rules', classes: json.classes, label: null,
    input: { columns: ruleInputColumns(set), features: null, embedding: null },
    rules: { text: 'rules.txt', spec: 'rules.json', count: set.rules.length, defaultClass: set.defaultClass },
    model: null, metrics: {}, data: { name: file, sha256: null, rows: 0 }, app: { name: 'machine-teacher', version: '' }, createdAt: '',
  };
  return new BundleClassifier(manifest, json, null, 'the rules');
}
