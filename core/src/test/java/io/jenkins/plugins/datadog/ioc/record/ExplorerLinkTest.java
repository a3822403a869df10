package io.jenkins.plugins.datadog.ioc.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.client.DatadogSite;
import org.junit.jupiter.api.Test;

class ExplorerLinkTest {
    @Test
    void eachCommercialSiteLinksItsOwnExplorer() {
        assertThat(ExplorerLink.forSite("datadoghq.com").url()).isEqualTo("https://app.datadoghq.com/security/siem/ioc-explorer");
        assertThat(ExplorerLink.forSite("datadoghq.eu").url()).isEqualTo("https://app.datadoghq.eu/security/siem/ioc-explorer");
        assertThat(ExplorerLink.forSite("us3.datadoghq.com").url()).isEqualTo("https://us3.datadoghq.com/security/siem/ioc-explorer");
        assertThat(ExplorerLink.forSite("us5.datadoghq.com").url()).isEqualTo("https://us5.datadoghq.com/security/siem/ioc-explorer");
        assertThat(ExplorerLink.forSite("ap1.datadoghq.com").url()).isEqualTo("https://ap1.datadoghq.com/security/siem/ioc-explorer");
        assertThat(ExplorerLink.forSite("ap2.datadoghq.com").url()).isEqualTo("https://ap2.datadoghq.com/security/siem/ioc-explorer");
        assertThat(ExplorerLink.forSite("uk1.datadoghq.com").url()).isEqualTo("https://uk1.datadoghq.com/security/siem/ioc-explorer");
    }

    @Test
    void theLinkSaysTheIndicatorIsToBeSearchedThere() {
        ExplorerLink link = ExplorerLink.forSite("datadoghq.eu");
        assertThat(link.note()).contains("no address for one indicator").contains("datadoghq.eu").contains("search");
    }

    @Test
    void noLinkWhereThereIsNoExplorerOrNoKnownSite() {
        for (DatadogSite gov : new DatadogSite[] {DatadogSite.US1_FED, DatadogSite.US2_FED}) {
            ExplorerLink link = ExplorerLink.forSite(gov.domain());
            assertThat(link.url()).isNull();
            assertThat(link.note()).contains("not available on " + gov.domain());
        }
        ExplorerLink custom = ExplorerLink.forSite(LookupSummary.CUSTOM_SITE);
        assertThat(custom.url()).isNull();
        assertThat(custom.note()).contains("custom base URL");
        ExplorerLink unknown = ExplorerLink.forSite("example.org");
        assertThat(unknown.url()).isNull();
        assertThat(unknown.note()).contains("'example.org' is not a known Datadog site");
    }

    @Test
    void everySiteHasALinkOrAReason() {
        for (DatadogSite site : DatadogSite.values()) {
            ExplorerLink link = ExplorerLink.forSite(site.domain());
            assertThat(link.note()).isNotBlank();
            if (link.url() != null) {
                assertThat(link.url()).startsWith("https://").endsWith(site.domain() + ExplorerLink.ROUTE);
            }
        }
    }
}
