import { createDondocApp } from './dondoc-app.ts';

/** `npx cdk synth|deploy -c stage=<name>`: the stage's two stacks, checked by cdk-nag. */
const { app } = createDondocApp();
app.synth();
