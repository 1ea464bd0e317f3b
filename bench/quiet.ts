/**
 * Imported first by bench/run.ts: ESM evaluates imports before the importing module's body, so the
 * handlers' logger must find its level set by an import that runs before theirs.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

export {};
