// Datadog's official TypeScript client, as a script around it would use it: one
// v2.SecurityMonitoringApi.getIndicatorOfCompromise per indicator, 8 in flight, results as JSON on stdout.
//   node official.mjs BASE_URL FILE
import { readFileSync } from 'node:fs';
import { client, v2 } from '@datadog/datadog-api-client';

const [baseUrl, file] = process.argv.slice(2);
const configuration = client.createConfiguration({
  authMethods: { apiKeyAuth: process.env.DD_API_KEY, appKeyAuth: process.env.DD_APP_KEY },
  baseServer: new client.BaseServerConfiguration(baseUrl, {}),
  enableRetry: true,
});
configuration.unstableOperations['v2.getIndicatorOfCompromise'] = true;
const api = new v2.SecurityMonitoringApi(configuration);
const indicators = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const results = new Array(indicators.length);
let next = 0;
async function worker() {
  while (next < indicators.length) {
    const i = next++;
    try {
      const r = await api.getIndicatorOfCompromise({ indicator: indicators[i] });
      results[i] = { indicator: indicators[i], status: 'FOUND', score: r.data?.attributes?.data?.score };
    } catch (e) {
      results[i] = { indicator: indicators[i], status: e.code === 404 ? 'NOT_FOUND' : 'ERROR' };
    }
  }
}
await Promise.all(Array.from({ length: 8 }, worker));
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
