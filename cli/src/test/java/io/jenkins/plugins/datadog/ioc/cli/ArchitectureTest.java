package io.jenkins.plugins.datadog.ioc.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.gate.IocGate;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Rule;
import org.junit.jupiter.api.Test;

/** The CLI builds core's one gate request and hands it to GateRun: it wires no gate of its own. */
class ArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.datadog.ioc.cli");

    @Test
    void theImportSeesTheCommand() {
        assertThat(CLI.contain(IocLookupCommand.class)).isTrue();
    }

    @Test
    void theCliDoesNotWireTheGateItself() {
        noClasses().should().dependOnClassesThat().belongToAnyOf(IocGate.class, GatePolicy.Builder.class, IocClient.class)
                .orShould().dependOnClassesThat().implement(Rule.class)
                .because("the CLI and the plugin build the same GateRequest and run it with GateRun, so they cannot drift")
                .check(CLI);
    }
}
