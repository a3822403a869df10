package io.jenkins.plugins.datadog.ioc.actions;

import hudson.model.Api;
import io.jenkins.plugins.datadog.ioc.record.ResultPage;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * {@code datadog-ioc/records/api/json}: the build's results a page at a time, with the detail page's query
 * parameters ({@code page}, {@code verdict}, {@code status}, {@code q}), so that no request returns them all.
 */
@ExportedBean
public final class RecordsApi {
    private final ResultPage page;

    RecordsApi(ResultPage page) {
        this.page = page;
    }

    public Api getApi() {
        return new Api(this);
    }

    @Exported
    public int getPage() {
        return page.getPage();
    }

    @Exported
    public int getPageCount() {
        return page.getPageCount();
    }

    /** Results that match the query, on all pages. */
    @Exported
    public int getMatching() {
        return page.getMatching();
    }

    @Exported
    public int getTotal() {
        return page.getTotal();
    }

    /** This page's results, worst first. */
    @Exported(inline = true)
    public List<IndicatorRecord> getResults() {
        return page.getRows().stream().map(IndicatorRecord::of).toList();
    }
}
