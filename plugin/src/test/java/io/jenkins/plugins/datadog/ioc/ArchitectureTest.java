package io.jenkins.plugins.datadog.ioc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.datadog.ioc.gate.IocGate;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Rule;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupStep;
import org.junit.jupiter.api.Test;

/** The plugin builds core's one gate request and hands it to GateRun: it wires no gate of its own. */
class ArchitectureTest {
    private static JavaClasses plugin() {
        // The plugin's own packages only; core's classes are on the class path too.
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.datadog.ioc.actions", "io.jenkins.plugins.datadog.ioc.config",
                        "io.jenkins.plugins.datadog.ioc.credentials", "io.jenkins.plugins.datadog.ioc.steps");
    }

    @Test
    void thePluginDoesNotWireTheGateItself() {
        JavaClasses classes = plugin();
        assertTrue(classes.contain(IocLookupStep.class));
        noClasses().should().dependOnClassesThat().belongToAnyOf(IocGate.class, GatePolicy.Builder.class)
                .orShould().dependOnClassesThat().implement(Rule.class)
                .because("the CLI and the plugin build the same GateRequest and run it with GateRun, so they cannot drift")
                .check(classes);
    }
}
