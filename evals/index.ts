// The eval harness's public surface.
export { loadCases, toCase, parseCaseText, CaseFileError } from "./load-cases.ts";
export { caseSchema, caseErrors } from "./case-schema.ts";
export { graders, config, noLeak, notAsked, outcome, test, turns } from "./graders/index.ts";
export { SimulatedUser, MAX_USER_MESSAGES, type UserAction, type UserView } from "./simulated-user.ts";
export { runCase } from "./run-case.ts";
export { runSuite, gradeRun, type SuiteOptions } from "./run-suite.ts";
export { startInProcess, type InProcessOptions } from "./drivers/in-process.ts";
export { startRest, type RestOptions } from "./drivers/rest.ts";
export type { SessionDriver, FinalConfig } from "./drivers/types.ts";
export { startCassetteProxy, cassettePath, type Cassette, type CassetteProxy } from "./cassette-proxy.ts";
export { exportSession, sessionToCase, main as exportSessionMain } from "./export-session.ts";
export { Fixtures, substitute } from "./fixtures/index.ts";
export { playOAuth } from "./oauth-user.ts";
export { summarize, markdown, table, closingLine, type CaseReport, type Summary } from "./report.ts";
export type { EvalCase, CaseRun, Grader, GraderResult, Turn, Expect, Outcome } from "./types.ts";
