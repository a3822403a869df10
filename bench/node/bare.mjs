// The floor: a bare keep-alive node:http client, 8 in flight, only GET and JSON.parse.
//   node bare.mjs BASE_URL FILE
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [baseUrl, file] = process.argv.slice(2);
const base = new URL(baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const indicators = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const results = new Array(indicators.length);
function get(indicator) {
  return new Promise((resolve, reject) => {
    http.get({ agent, host: base.hostname, port: base.port,
      path: '/api/v2/security/siem/ioc-explorer/indicator?indicator=' + encodeURIComponent(indicator),
      headers: { 'DD-API-KEY': process.env.DD_API_KEY, 'DD-APPLICATION-KEY': process.env.DD_APP_KEY } }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', chunk => { body += chunk; });
      res.on('end', () => resolve({ code: res.statusCode, body: JSON.parse(body) }));
    }).on('error', reject);
  });
}
let next = 0;
async function worker() {
  while (next < indicators.length) {
    const i = next++;
    const r = await get(indicators[i]);
    results[i] = { indicator: indicators[i], status: r.code === 200 ? 'FOUND' : 'NOT_FOUND', score: r.body.data?.attributes?.data?.score };
  }
}
await Promise.all(Array.from({ length: 8 }, worker));
agent.destroy();
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
