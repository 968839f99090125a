import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportedSeriesNames, metricNames } from './support/promql-names.js';

describe('metric names of PromQL expressions', () => {
  test('finds the selected metrics and skips functions, labels, strings and ranges', () => {
    const expression =
      'sum by (job, le) (rate(http_server_request_duration_seconds_bucket{job="$job", route!~"a_b"}[$__rate_interval])) ' +
      '/ on (job) group_left max(label_replace(gateway_upstream_circuit_state, "target", "$1", "service", "(.+)")) ' +
      'and job:http_requests:rate5m offset 5m > 1e3';
    assert.deepEqual(metricNames(expression).sort(), [
      'gateway_upstream_circuit_state',
      'http_server_request_duration_seconds_bucket',
      'job:http_requests:rate5m',
    ]);
  });

  test('a histogram family exports its bucket, sum and count series', () => {
    const names = exportedSeriesNames(
      '# HELP a_seconds A\n# TYPE a_seconds histogram\n# HELP b_total B\n# TYPE b_total counter\n',
    );
    assert.deepEqual(
      [...names].sort(),
      ['a_seconds', 'a_seconds_bucket', 'a_seconds_count', 'a_seconds_sum', 'b_total'].sort(),
    );
  });
});
