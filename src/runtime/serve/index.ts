/** The reward service: batch verification over HTTP JSON, on the verifier pool. See README.md. */
export {
  RewardService,
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_TIMEOUT_MS,
  DEFAULT_PORT,
  ROUTES,
  type CheckRunner,
  type RewardServiceOptions,
  type ServiceStats,
  type StartResult,
} from "./service.ts";
export { parseVerifyRequest, parseCheck, type RequestLimits, type VerifyItem, type RequestError, type ParsedRequest } from "./request.ts";
