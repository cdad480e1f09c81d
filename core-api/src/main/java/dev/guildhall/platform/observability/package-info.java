/**
 * Operations' view of core-api (issue 6): latency histograms for every endpoint, domain counters
 * (wars, cases, automod verdicts) incremented by the services where each event is decided, and nothing else. JSON logs, tracing
 * and pool gauges are configuration only: see the "Observability" section at the end of
 * {@code application.properties}.
 */
package dev.guildhall.platform.observability;
