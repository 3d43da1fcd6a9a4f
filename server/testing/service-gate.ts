// The service gate for tests lives in specs/testing (specs may import nothing of the server's,
// and its own tests need the gate); re-exported here for the server's, agent's, widget's and
// evals' tests.
export { probeTcp, probeFile, serviceGate, services, servicesRequired } from "../../specs/testing/service-gate.ts";
