package io.jenkins.plugins.datadog.ioc.record;

import java.util.List;

/** One page of the detail page's table: the rows, where it is among the pages, and the links to the others. */
public final class ResultPage {
    private final ResultQuery query;
    private final List<ResultRow> rows;
    private final int matching;
    private final int total;
    private final int page;
    private final int pageCount;

    ResultPage(ResultQuery query, List<ResultRow> matching, int total) {
        this.matching = matching.size();
        this.total = total;
        this.pageCount = Math.max(1, (matching.size() + ResultQuery.PAGE_SIZE - 1) / ResultQuery.PAGE_SIZE);
        this.page = Math.min(query.page(), pageCount);
        this.query = query.onPage(page);
        int from = (page - 1) * ResultQuery.PAGE_SIZE;
        this.rows = matching.subList(from, Math.min(matching.size(), from + ResultQuery.PAGE_SIZE));
    }

    public ResultQuery getQuery() {
        return query;
    }

    /** The verdict filtered on, {@code ""} for all: for the filter form. */
    public String getVerdictFilter() {
        return query.verdict() == null ? "" : query.verdict().name();
    }

    /** The status filtered on, {@code ""} for all. */
    public String getStatusFilter() {
        return query.status() == null ? "" : query.status().name();
    }

    public String getText() {
        return query.text();
    }

    public boolean isFiltered() {
        return query.filtered();
    }

    public List<ResultRow> getRows() {
        return rows;
    }

    /** Results that match the filter, on all pages. */
    public int getMatching() {
        return matching;
    }

    /** Results recorded, whether they match or not. */
    public int getTotal() {
        return total;
    }

    public int getPage() {
        return page;
    }

    public int getPageCount() {
        return pageCount;
    }

    /** 1-based position of the first row shown, 0 when none. */
    public int getFirst() {
        return rows.isEmpty() ? 0 : (page - 1) * ResultQuery.PAGE_SIZE + 1;
    }

    public int getLast() {
        return getFirst() + rows.size() - (rows.isEmpty() ? 0 : 1);
    }

    /** The query string of the previous page, {@code null} on the first. */
    public String getPreviousLink() {
        return page > 1 ? query.onPage(page - 1).toQueryString() : null;
    }

    /** The query string of the next page, {@code null} on the last. */
    public String getNextLink() {
        return page < pageCount ? query.onPage(page + 1).toQueryString() : null;
    }
}
