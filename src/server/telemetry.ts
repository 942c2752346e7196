import { shutdownAzureMonitor, useAzureMonitor, type AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';

/** Application Insights' cloud role name: the resource's service.name. */
export const SERVICE_NAME = 'flipside';

export interface TelemetryOptions {
  connectionString: string;
  /** Extra span processors (tests add an in-memory exporter here). */
  spanProcessors?: NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>;
  /** Traces kept per second (default 5, the distro's rate-limited sampler); 0 keeps every trace. */
  tracesPerSecond?: number;
}

/**
 * Sends traces to Application Insights through OpenTelemetry and the Azure Monitor distro. Called
 * first thing in `main.ts`, only when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 *
 * The distro's automatic instrumentations are all off: the HTTP one would record every URL with
 * its query string (people's ids, `$filter`s with join URLs and addresses) and every header name;
 * Flipside makes its own spans instead (`app/shared/tracing.ts`): incoming requests by route
 * template, Graph requests and Bot Connector sends as dependencies by URL template, jobs as
 * spans, with no token and no personal data. Log lines carry the trace id (`logger.ts`).
 */
export function startTelemetry(options: TelemetryOptions): { stop(): Promise<void> } {
  const off = { enabled: false };
  useAzureMonitor({
    // The distro's resource option takes the place of its default resource, so this one starts
    // from the SDK's defaults; OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES still win when set.
    resource: defaultResource()
      .merge(resourceFromAttributes({ 'service.name': SERVICE_NAME }))
      .merge(detectResources({ detectors: [envDetector] })),
    azureMonitorExporterOptions: { connectionString: options.connectionString },
    tracesPerSecond: options.tracesPerSecond ?? 5,
    ...(options.tracesPerSecond === 0 ? { samplingRatio: 1 } : {}),
    enableLiveMetrics: false,
    instrumentationOptions: { http: off, azureSdk: off, mongoDb: off, mySql: off, postgreSql: off, redis: off, redis4: off, bunyan: off, winston: off },
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
  });
  return {
    // The last export at shutdown may fail (ingestion unreachable): telemetry never fails a stop.
    stop: () => shutdownAzureMonitor().catch(() => undefined),
  };
}
