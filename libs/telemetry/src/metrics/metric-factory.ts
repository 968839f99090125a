import {
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  register,
} from 'prom-client';

type MetricClass<M> = abstract new (...args: never[]) => M;

/**
 * Returns the counter registered under `config.name` in prom-client's default registry, or
 * registers a new one. Modules that are loaded twice (tests, several Nest apps in one process)
 * then share one series instead of failing on a duplicate name.
 */
export function getOrCreateCounter<T extends string>(config: CounterConfiguration<T>): Counter<T> {
  return findRegistered(config.name, Counter<T>) ?? new Counter(config);
}

/** Returns the gauge registered under `config.name`, or registers a new one. */
export function getOrCreateGauge<T extends string>(config: GaugeConfiguration<T>): Gauge<T> {
  return findRegistered(config.name, Gauge<T>) ?? new Gauge(config);
}

/** Returns the histogram registered under `config.name`, or registers a new one. */
export function getOrCreateHistogram<T extends string>(
  config: HistogramConfiguration<T>,
): Histogram<T> {
  return findRegistered(config.name, Histogram<T>) ?? new Histogram(config);
}

function findRegistered<M>(name: string, type: MetricClass<M>): M | undefined {
  const existing: unknown = register.getSingleMetric(name);
  if (existing === undefined) {
    return undefined;
  }

  if (!(existing instanceof type)) {
    const existingType = (existing as object).constructor.name;
    throw new Error(
      `Metric "${name}" is already registered as a ${existingType}, not a ${type.name}; choose another name`,
    );
  }
  return existing;
}
