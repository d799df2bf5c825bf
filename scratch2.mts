import { readFileSync, readdirSync } from "node:fs";
import { tableFromIPC } from "apache-arrow";
const dir = readdirSync("/tmp/src-scratch").filter((d) => d.startsWith("cg")).map((d) => "/tmp/src-scratch/" + d).pop()!;
const t = tableFromIPC(readFileSync(dir + "/out/generated.arrow"));
console.log(t.schema.fields.map((f) => f.name + ":" + f.type).join(" "));
const pairs = new Map<string, number[]>();
for (let i = 0; i < t.numRows; i++) { const k = t.getChild("problem_id")!.get(i) + "/" + t.getChild("chain_index")!.get(i); (pairs.get(k) ?? pairs.set(k, []).get(k)!).push(t.getChild("level")!.get(i)); }
console.log(pairs.size, [...pairs.values()].filter((v) => !v.includes(0)).length, [...pairs.entries()].filter(([, v]) => !v.includes(0)).slice(0, 3));
const ids = new Set([...pairs.keys()].map((k) => k.split("/")[0]));
console.log("problems", ids.size);
