/**
 * Operations' view of core-api (issue 6): latency histograms for every endpoint, domain counters
 * (wars, cases, automod verdicts) read from the public answers, and nothing else. JSON logs, tracing
 * and pool gauges are configuration only: see the "Observability" section at the end of
 * {@code application.properties}.
 */
package dev.guildhall.platform.observability;
