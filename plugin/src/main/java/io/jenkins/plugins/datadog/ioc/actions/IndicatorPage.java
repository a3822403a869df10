package io.jenkins.plugins.datadog.ioc.actions;

import hudson.model.Api;
import hudson.model.ModelObject;
import hudson.model.Run;
import io.jenkins.plugins.datadog.ioc.record.ExplorerLink;
import io.jenkins.plugins.datadog.ioc.record.IndicatorFacts;
import io.jenkins.plugins.datadog.ioc.record.ResultRow;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One indicator's own page, {@code datadog-ioc/indicator/<index>/}: everything recorded of it (core's
 * {@link IndicatorFacts}) and the way to it in Datadog. Made per request from the build's loaded records.
 */
@ExportedBean
public final class IndicatorPage implements ModelObject {
    private final IocLookupAction action;
    private final ResultRow row;

    IndicatorPage(IocLookupAction action, ResultRow row) {
        this.action = action;
        this.row = row;
    }

    @Override
    public String getDisplayName() {
        return row.getIndicator();
    }

    public IocLookupAction getAction() {
        return action;
    }

    public Run<?, ?> getRun() {
        return action.getRun();
    }

    public ResultRow getRow() {
        return row;
    }

    public List<IndicatorFacts.Fact> getFacts() {
        return IndicatorFacts.of(row.getReport());
    }

    public List<ExplorerLink> getExplorerLinks() {
        return action.getExplorerLinks();
    }

    /** Everything recorded of the indicator, as the records API gives it. */
    @Exported(inline = true)
    public IndicatorRecord getResult() {
        return IndicatorRecord.of(row);
    }

    public Api getApi() {
        return new Api(this);
    }
}
