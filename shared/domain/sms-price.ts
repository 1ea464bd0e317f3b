/**
 * The one SMS price dondoc assumes wherever it estimates cost (the bench, the console's timeline
 * preview, docs/performance.md and docs/deploy.md): US dollars per message part sent to a
 * Vietnamese mobile. SNS bills per part, and the price per country and carrier changes: check
 * AWS End User Messaging's current price for Vietnam before a budget relies on it.
 */
export const SMS_PRICE_USD_PER_PART = 0.0351;
