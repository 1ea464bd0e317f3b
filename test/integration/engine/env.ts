// Imported first by tests that import functions/*: their module scope builds the AWS dependencies
// from the environment (parsed once), so it must hold valid values before they load.
process.env.TABLE_NAME ??= 'dondoc-test';
process.env.STAGE ??= 'test';
process.env.OFFICE_UNIT_ID ??= 'ubnd-tinh';
process.env.AWS_REGION ??= 'ap-southeast-1';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
