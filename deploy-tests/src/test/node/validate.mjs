// Validates Kubernetes objects offline against the Kubernetes schemas (kubernetes-models) and the CRD schemas of
// the operators the chart uses: prometheus-operator, Strimzi and CloudNativePG (@kubernetes-models/*).
// Input: a JSON file [{"source": "...", "object": {...}}, ...]. Output (stdout): a JSON report
// {"validated": n, "errors": ["source kind/name: message"], "unvalidated": ["source apiVersion kind/name"]}.
// Run from the folder where those packages are installed (deploy-tests copies this script there).
import { readFileSync } from 'node:fs';

const packages = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
};

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.substring(0, slash);
  const pkg = packages[group] ?? 'kubernetes-models';
  let module;
  try {
    module = await import(`${pkg}/${apiVersion}`);
  } catch (e) {
    return undefined;
  }
  return module[kind];
}

const items = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const report = { validated: 0, errors: [], unvalidated: [] };
for (const { source, object } of items) {
  const name = `${source} ${object?.kind}/${object?.metadata?.name}`;
  if (!object || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
    report.errors.push(`${name}: no apiVersion or kind`);
    continue;
  }
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) {
    report.unvalidated.push(`${source} ${object.apiVersion} ${object.kind}/${object.metadata?.name}`);
    continue;
  }
  try {
    new Model(object).validate();
    report.validated++;
  } catch (e) {
    report.errors.push(`${name}: ${e.message}`);
  }
}
process.stdout.write(JSON.stringify(report));
