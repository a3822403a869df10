package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a reader of the detail page asked for, from the query parameters {@code verdict}, {@code status},
 * {@code q} (text) and {@code page}. Whatever is sent, the page shows something: an unknown verdict or
 * status is no filter, a bad page number is the first page, an overlong text is cut.
 *
 * @param verdict only results of this verdict, or {@code null} for all
 * @param status only results of this status, or {@code null} for all
 * @param text only results that mention this (case-insensitive), or empty for all
 * @param page 1-based; {@link ResultPage} brings a page past the last back to the last
 */
public record ResultQuery(Verdict verdict, LookupStatus status, String text, int page) {
    public static final int PAGE_SIZE = 100;
    /** Longer search texts are cut: nobody types more, and each row is searched for it. */
    public static final int MAX_TEXT = 200;
    public static final ResultQuery ALL = new ResultQuery(null, null, "", 1);

    public ResultQuery {
        text = text == null ? "" : text.strip();
        text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        page = Math.max(1, page);
    }

    /** @param parameter a request's parameter by name, {@code null} when absent */
    public static ResultQuery parse(Function<String, String> parameter) {
        return new ResultQuery(named(Verdict.values(), parameter.apply("verdict")),
                named(LookupStatus.values(), parameter.apply("status")), parameter.apply("q"), number(parameter.apply("page")));
    }

    /** The same query on another page. */
    public ResultQuery onPage(int other) {
        return new ResultQuery(verdict, status, text, other);
    }

    /** The query string that asks for this query: {@code ?verdict=FAILURE&q=example&page=2}; first page and empty filters left out. */
    public String toQueryString() {
        List<String> parts = new ArrayList<>();
        if (verdict != null) {
            parts.add("verdict=" + verdict.name());
        }
        if (status != null) {
            parts.add("status=" + status.name());
        }
        if (!text.isEmpty()) {
            parts.add("q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        if (page > 1) {
            parts.add("page=" + page);
        }
        return parts.isEmpty() ? "?" : "?" + String.join("&", parts);
    }

    /** The text as a literal, case-insensitive pattern, or {@code null} when there is none. */
    java.util.regex.Pattern textPattern() {
        return text.isEmpty() ? null
                : java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(text),
                        java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
    }

    public boolean filtered() {
        return verdict != null || status != null || !text.isEmpty();
    }

    private static <E extends Enum<E>> E named(E[] values, String name) {
        if (name == null) {
            return null;
        }
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        for (E value : values) {
            if (value.name().equals(wanted)) {
                return value;
            }
        }
        return null;
    }

    private static int number(String text) {
        if (text == null) {
            return 1;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
