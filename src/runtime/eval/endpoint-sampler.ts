/**
 * Responses from any OpenAI-compatible endpoint, through the generation stage's client (src/runtime/generate):
 * the same cache (`<cache_dir>/generate/`, keyed by endpoint, model, prompt and every sampling parameter),
 * retries with backoff, Retry-After, concurrency limit and API-key handling as `hintc compile`. A rerun of an
 * interrupted eval sends only the requests that never got an answer.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { Endpoint, Generate } from "../../ir/index.ts";
import { endpointId, generateChains } from "../generate/index.ts";
import type { Problem, SourceContext } from "../sources/index.ts";
import type { Benchmark } from "./benchmarks.ts";
import { type BenchmarkPrompt, promptText, userTemplate } from "./prompts.ts";
import type { EvalProblem } from "./read-benchmark.ts";
import type { ModelInfo, SampledProblem, Sampler, SamplingSettings } from "./sampler.ts";

export interface EndpointSamplerOptions {
  /** chat (default): system + user messages; completions: the whole prompt as text, chat template applied by hintc. */
  api?: Generate["api"];
  /** The most samples asked for in one request (for servers that limit n). */
  samplesPerRequest?: number;
}

/** A problem on its way through the generation client, carrying the benchmark problem it came from. */
type Carried = Problem & { evalProblem: EvalProblem };

export class EndpointSampler implements Sampler {
  readonly model: ModelInfo;
  private readonly api: Generate["api"];

  constructor(
    private readonly endpoint: Endpoint,
    private readonly ctx: SourceContext,
    private readonly options: EndpointSamplerOptions = {},
  ) {
    this.api = options.api ?? "chat";
    this.model = { kind: "endpoint", model: endpoint.model, endpoint: endpointId(endpoint.base_url), api: this.api };
  }

  preflight(): Diagnostic[] {
    const ref = this.endpoint.api_key;
    if (ref === null) return [];
    const value = this.ctx.env[ref.env];
    if (value !== undefined && value !== "") return [];
    return [diagnostic("HC3010", { source: "eval", name: ref.env }, { help: [`set it with: export ${ref.env}=...`] })];
  }

  async *sample(problems: AsyncIterable<EvalProblem>, prompt: BenchmarkPrompt, settings: SamplingSettings, benchmark: Benchmark): AsyncGenerator<SampledProblem> {
    const generate = this.generateBlock(prompt, settings);
    for await (const done of generateChains(carried(problems, benchmark.name), generate, this.ctx)) {
      const responses: Array<string | null> = Array.from({ length: settings.samples }, () => null);
      for (const chain of done.chains) if (chain.index < settings.samples) responses[chain.index] = chain.text;
      yield { problem: (done as Carried).evalProblem, responses };
    }
  }

  /** The generation block: exactly what each request sends, so the cache key covers every setting. */
  private generateBlock(prompt: BenchmarkPrompt, settings: SamplingSettings): Generate {
    const chat = this.api === "chat";
    const block: Generate = {
      from: null,
      endpoint: this.endpoint,
      api: this.api,
      prompt: chat ? userTemplate(prompt) : promptText(prompt, "{problem}"),
      system: chat ? prompt.system : null,
      samples: settings.samples,
      temperature: settings.temperature,
      top_p: settings.top_p,
      max_tokens: settings.max_tokens,
      stop: [],
    };
    if (this.options.samplesPerRequest !== undefined) block.samples_per_request = this.options.samplesPerRequest;
    return block;
  }
}

async function* carried(problems: AsyncIterable<EvalProblem>, benchmark: string): AsyncGenerator<Carried> {
  for await (const p of problems) yield { id: p.id, source: benchmark, problem: p.question, answer: p.gold, chains: [], row: p.row, evalProblem: p };
}
