/** Opens the compiled data set `hintc run` trains on, through the data set reader. */
import { stat } from "node:fs/promises";
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import { openDataset } from "../../runtime/dataset/index.ts";
import type { TrainingData } from "../../trainer/driver.ts";

/** `path` is opened; `shown` is how the spec names it (for messages). */
export async function openTrainingData(path: string, shown: string): Promise<{ data?: TrainingData; diagnostics: Diagnostic[] }> {
  const exists = await stat(path).then(() => true, () => false);
  if (!exists) {
    const help = ["compile the spec first: hintc compile SPEC", "or point train.dataset at a compiled file (paths are relative to the spec)"];
    return { diagnostics: [diagnostic("HC6000", { path: shown, reason: "no such file" }, { help })] };
  }
  const opened = await openDataset(path);
  if (!opened.ok) return { diagnostics: opened.diagnostics };
  const dataset = opened.dataset;
  return { data: { path: shown, provenance: dataset.provenance, rows: () => dataset.rows() }, diagnostics: opened.diagnostics };
}
