/** The stages `hintc run` plugs together: the data set reader, the verifiers and the Python engine. */
import type { RunDependencies } from "../commands/run.ts";
import { openTrainingData } from "./data.ts";
import { engineLauncher } from "./engine.ts";
import { createJudge } from "./judge.ts";

export const runDependencies: RunDependencies = {
  openData: openTrainingData,
  createJudge,
  launchEngine: engineLauncher,
};
