// The state machine, run by an executor that no one here wrote (aws-local-stepfunctions), on the executions the
// real handlers produced: local-runner's StateMachinePathsTest records, for each path, the execution's input and
// every function call (the payload the definition built, the JSON the handler answered through the Lambda runtime's
// own serializer, or the error Step Functions would see). Here each Task replays those calls in order, checks that
// this executor builds the same payloads, and the walk must reach the same states and the same end.
//
//   node statemachine/independent-check/check.mjs [FIXTURES_DIR]
//
// Exit 0 when every execution agrees; 1 with the differences otherwise; 2 when there is nothing to check.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// aws-local-stepfunctions 3 wants node 22; Promise.withResolvers is the one thing it uses that node 20 lacks
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolvePromise;
    let rejectPromise;
    const promise = new Promise((res, rej) => { resolvePromise = res; rejectPromise = rej; });
    return { promise, resolve: resolvePromise, reject: rejectPromise };
  };
}
const { StateMachine } = await import('aws-local-stepfunctions');

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const fixturesDir = resolve(process.argv[2] ?? join(root, 'local-runner', 'target', 'state-machine-paths'));
const FUNCTIONS = ['Transformer', 'Integrator', 'Archiver', 'Notifier'];

// the definition as SAM deploys it: DefinitionSubstitutions give each function's ARN
let definitionText = readFileSync(join(root, 'statemachine', 'file-pipeline.asl.json'), 'utf8');
for (const name of FUNCTIONS) {
  definitionText = definitionText.replaceAll('${' + name + 'FunctionArn}',
    `arn:aws:lambda:eu-west-3:123456789012:function:qlower-loaders-${name.toLowerCase()}`);
}
const definition = JSON.parse(definitionText);
const functionOfArn = (arn) => arn.substring(arn.lastIndexOf('-') + 1);

const taskStates = Object.entries(definition.States).filter(([, s]) => s.Type === 'Task').map(([n]) => n);
const waitStates = Object.entries(definition.States).filter(([, s]) => s.Type === 'Wait').map(([n]) => n);

if (!existsSync(fixturesDir)) {
  console.error(`independent check: no recorded executions in ${fixturesDir}; run ./loaders test first`);
  process.exit(2);
}
const files = readdirSync(fixturesDir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`independent check: no recorded executions in ${fixturesDir}`);
  process.exit(2);
}

const stateMachine = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });
let failures = 0;
for (const file of files) {
  const fixture = JSON.parse(readFileSync(join(fixturesDir, file), 'utf8'));
  const problems = await replay(fixture);
  if (problems.length === 0) {
    console.log(`ok   ${fixture.end.padEnd(21)} ${fixture.executionName}`);
  } else {
    failures++;
    console.log(`FAIL ${fixture.end.padEnd(21)} ${fixture.executionName}`);
    for (const problem of problems) {
      console.log(`       ${problem}`);
    }
  }
}
console.log(`independent check (aws-local-stepfunctions): ${files.length - failures} of ${files.length} `
  + 'recorded executions walk the same states to the same end');
process.exit(failures === 0 ? 0 : 1);

async function replay(fixture) {
  const problems = [];
  const calls = [...fixture.calls];
  const handler = (stateName) => async (input) => {
    const call = calls.shift();
    const fn = functionOfArn(input.FunctionName);
    if (!call) {
      problems.push(`${stateName} invoked the ${fn} once more than the handlers were`);
      throw Object.assign(new Error('no recorded call left'), { name: 'Replay.NoCallLeft' });
    }
    if (call.function !== fn) {
      problems.push(`${stateName} invoked the ${fn} where the recorded execution invoked the ${call.function}`);
    } else if (!isDeepStrictEqual(input.Payload, call.payload)) {
      problems.push(`${stateName} sent ${JSON.stringify(input.Payload)} where the recorded execution sent `
        + JSON.stringify(call.payload));
    }
    if (call.error) {
      const error = new Error(call.error.cause);
      error.name = call.error.type;
      throw error;
    }
    // the shape the lambda:invoke integration gives a Task's result
    return { ExecutedVersion: '$LATEST', Payload: call.result, StatusCode: 200 };
  };
  const overrides = {
    taskResourceLocalHandlers: Object.fromEntries(taskStates.map((name) => [name, handler(name)])),
    waitTimeOverrides: Object.fromEntries(waitStates.map((name) => [name, 0])),
    retryIntervalOverrides: Object.fromEntries(taskStates.map((name) => [name, 0])),
  };
  const execution = stateMachine.run(fixture.input, {
    overrides,
    context: { Execution: { Name: fixture.executionName } },
  });
  const entered = [];
  let ended = null;
  const logs = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') {
        entered.push(event.state.name);
      } else if (event.type === 'ExecutionSucceeded') {
        ended = { status: 'SUCCEEDED' };
      } else if (event.type === 'ExecutionFailed') {
        ended = { status: 'FAILED', error: event.Error, cause: event.Cause };
      }
    }
  })();
  try {
    await execution.result;
  } catch (e) {
    // a failed execution rejects; its event says why
  }
  await logs;
  const last = entered[entered.length - 1];
  if (last !== fixture.end) {
    problems.push(`ended in ${last} (${JSON.stringify(ended)}), expected ${fixture.end}`);
  }
  if (!isDeepStrictEqual(entered, fixture.states)) {
    problems.push(`walked ${entered.join(' > ')}`);
    problems.push(`the project's interpreter walked ${fixture.states.join(' > ')}`);
  }
  if (ended?.status !== fixture.status) {
    problems.push(`execution ${ended?.status} (${ended?.error ?? ''}), the project's interpreter: ${fixture.status}`);
  }
  if (calls.length > 0) {
    problems.push(`${calls.length} recorded call(s) never made: ${calls.map((c) => c.function).join(', ')}`);
  }
  return problems;
}
