/**
 * A generating process for the resume tests (see generate-to-file.ts). Diagnostics go to stdout and
 * progress to stderr, one JSON object a line.
 *
 * usage: node --import tsx test/support/generate-child.ts BASE_URL CACHE_DIR OUT_FILE COUNT
 * The API key comes from $HINTC_TEST_KEY.
 */
import { generateToFile } from "./generate-to-file.ts";

const [baseUrl, cacheDir, outFile, count] = process.argv.slice(2) as [string, string, string, string];
await generateToFile(baseUrl, cacheDir, outFile, Number(count), {
  env: process.env,
  report: (d) => void process.stdout.write(JSON.stringify(d) + "\n"),
  onProgress: (p) => void process.stderr.write(JSON.stringify(p) + "\n"),
});
