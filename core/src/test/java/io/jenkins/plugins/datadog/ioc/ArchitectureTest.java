package io.jenkins.plugins.datadog.ioc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.gate.IocGate;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.report.JsonReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core stays free of Jenkins, and only the HTTP side knows OkHttp. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importCore() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.datadog.ioc");
    }

    @Test
    void theImportSeesTheMainClassesAndNoTests() {
        assertThat(classes.contain(IocClient.class)).isTrue();
        assertThat(classes.contain(IocGate.class)).isTrue();
        assertThat(classes.contain(GatePolicy.class)).isTrue();
        assertThat(classes.contain(JsonReport.class)).isTrue();
        assertThat(classes.contain(ArchitectureTest.class)).isFalse();
        assertThat(classes.contain(TestData.class)).isFalse();
    }

    @Test
    void coreDoesNotDependOnJenkins() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.datadog.ioc..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "com.cloudbees..")
                .because("the core is shared by the CLI and the plugin and must run without Jenkins")
                .check(classes);
    }

    @Test
    void reportAndPolicyDoNotKnowHttp() {
        noClasses().that().resideInAnyPackage("io.jenkins.plugins.datadog.ioc.report..", "io.jenkins.plugins.datadog.ioc.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
                .because("only the client (and the gate that drives it) talk HTTP")
                .check(classes);
    }

    @Test
    void onlyClientAndGateMayUseOkHttp() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.datadog.ioc..")
                .and().resideOutsideOfPackages("io.jenkins.plugins.datadog.ioc.client..", "io.jenkins.plugins.datadog.ioc.gate..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
                .check(classes);
    }

    @Test
    void onlyTheGatePackageWiresAGate() {
        noClasses().that().resideOutsideOfPackages("io.jenkins.plugins.datadog.ioc.gate..", "io.jenkins.plugins.datadog.ioc.policy..")
                .should().dependOnClassesThat().belongToAnyOf(IocGate.class, GatePolicy.Builder.class)
                .because("every gate run is built as one GateRequest and run by GateRun, so the CLI and the plugin cannot drift")
                .check(classes);
    }
}
