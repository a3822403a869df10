package io.jenkins.plugins.datadog.ioc.steps;

import io.jenkins.plugins.datadog.ioc.actions.IocLookupAction;
import io.jenkins.plugins.datadog.ioc.record.ReturnValue;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import java.util.Map;

/**
 * The value {@code iocLookup} returns to a Pipeline script; core's {@link ReturnValue} decides what it
 * holds (small whatever the number of indicators), this adds where the build's pages and report are.
 */
final class ResultMaps {
    private ResultMaps() {}

    static Map<String, Object> of(GateReport report, IocLookupAction action) {
        String details = action.getAbsoluteUrl();
        return ReturnValue.of(report, details, details + "report");
    }
}
