/**
 * Runs the test server (openai-server.ts) in a process of its own, so a benchmark's client does not share
 * its event loop: prints the base URL as the first line of stdout, and exits when stdin closes.
 * `GET /v1/_cpu` answers the server process's own CPU time so far (process.cpuUsage, microseconds), so a
 * benchmark can report both sides' CPU per request.
 *
 * usage: node --import tsx test/support/openai-server-main.ts '{"latencyMs": 50}'
 */
import { startOpenAiServer } from "./openai-server.ts";

const server = await startOpenAiServer({
  ...JSON.parse(process.argv[2] ?? "{}"),
  routes: { "GET /v1/_cpu": () => ({ body: process.cpuUsage() }) },
});
process.stdout.write(server.baseUrl + "\n");
process.stdin.resume();
process.stdin.on("end", () => {
  if (process.env["HINTC_SERVER_CPU"]) {
    const cpu = process.cpuUsage();
    process.stderr.write(`server: ${server.requests.length} requests, ${Math.round((cpu.user + cpu.system) / server.requests.length)} µs CPU each\n`);
  }
  void server.close().then(() => process.exit(0));
});
