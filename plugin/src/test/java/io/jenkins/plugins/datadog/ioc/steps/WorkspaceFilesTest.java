package io.jenkins.plugins.datadog.ioc.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.actions.IndicatorRecord;
import io.jenkins.plugins.datadog.ioc.actions.IocLookupAction;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code file} and {@code suppressions} are read inside the workspace only, as UTF-8, on the agent. Each
 * refusal names the problem, fails before any lookup, and shows nothing of the file that was refused.
 */
@WithJenkins
class WorkspaceFilesTest {
    private static final String KEYS = "apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'";
    /** What a file outside the workspace holds: it must never reach the console, the build or Datadog. */
    private static final String SECRET = "secret-host.internal.example";

    private JenkinsRule r;
    private FakeDatadog datadog;

    @TempDir
    Path outside;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        datadog = new FakeDatadog().install();
    }

    @AfterEach
    void tearDown() {
        datadog.close();
    }

    @Test
    void anAbsolutePathIsRefused() throws Exception {
        Path secret = Files.writeString(outside.resolve("secrets.txt"), SECRET + "\n");
        WorkflowRun run = refused("node { iocLookup file: '%s', %s }".formatted(escape(secret.toString()), KEYS));
        r.assertLogContains("The file '" + secret + "' is an absolute path: give a path relative to the workspace.", run);
    }

    @Test
    void dotDotOutOfTheWorkspaceIsRefused() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "job");
        Path workspace = workspace(job);
        Files.writeString(workspace.resolveSibling("secrets.txt"), SECRET + "\n");
        job.setDefinition(new CpsFlowDefinition("node { iocLookup file: '../secrets.txt', " + KEYS + " }", true));
        WorkflowRun run = assertRefused(job);
        r.assertLogContains("The file '../secrets.txt' is outside the workspace ('..' leads out of it)", run);
    }

    @Test
    void dotDotThatStaysInsideIsRead() throws Exception {
        datadog.found("203.0.113.66", 10);
        WorkflowRun run = r.assertBuildStatus(Result.SUCCESS, job("""
                node {
                    writeFile file: 'lists/iocs.txt', text: '203.0.113.66\\n'
                    iocLookup file: 'other/../lists/iocs.txt', %s
                }
                """.formatted(KEYS)).scheduleBuild2(0));
        assertEquals(1, run.getAction(IocLookupAction.class).getResults().size());
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating symbolic links needs a privilege on Windows")
    void aSymbolicLinkLeadingOutIsRefused() throws Exception {
        Path secret = Files.writeString(outside.resolve("secrets.txt"), SECRET + "\n");
        WorkflowJob job = r.createProject(WorkflowJob.class, "job");
        Path workspace = workspace(job);
        // as a pull request could commit them: a link to a file, and a link to a directory
        Files.createSymbolicLink(workspace.resolve("iocs.txt"), secret);
        Files.createSymbolicLink(workspace.resolve("config"), outside);
        job.setDefinition(new CpsFlowDefinition("node { iocLookup file: 'iocs.txt', " + KEYS + " }", true));
        WorkflowRun run = assertRefused(job);
        r.assertLogContains("The file 'iocs.txt' is a symbolic link (or inside one) that leads outside the workspace; it is not read.", run);

        job.setDefinition(new CpsFlowDefinition("node { iocLookup indicator: '203.0.113.66', suppressions: 'config/secrets.txt', "
                + KEYS + " }", true));
        run = assertRefused(job);
        r.assertLogContains("The suppressions file 'config/secrets.txt' is a symbolic link (or inside one) that leads outside the workspace", run);
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWhateverTheAgentsCharset() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "job");
        Path workspace = workspace(job);
        // "évil.example" in ISO-8859-1: a platform charset would read it as some indicator
        Files.write(workspace.resolve("iocs.txt"), "\u00e9vil.example\n".getBytes(StandardCharsets.ISO_8859_1));
        job.setDefinition(new CpsFlowDefinition("node { iocLookup file: 'iocs.txt', " + KEYS + " }", true));
        WorkflowRun run = assertRefused(job);
        r.assertLogContains("The file 'iocs.txt' is not UTF-8 text: save it as UTF-8.", run);
    }

    @Test
    void aFileOverSixteenMebibytesIsRefusedUnread() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "job");
        Path workspace = workspace(job);
        try (RandomAccessFile file = new RandomAccessFile(workspace.resolve("dump.bin").toFile(), "rw")) {
            file.setLength(WorkspaceFiles.MAX_BYTES + 1);
        }
        job.setDefinition(new CpsFlowDefinition("node { iocLookup file: 'dump.bin', " + KEYS + " }", true));
        WorkflowRun run = assertRefused(job);
        r.assertLogContains("The file 'dump.bin' is larger than 16 MiB: is it the right file?", run);
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        WorkflowRun run = refused("node { writeFile file: 'lists/a.txt', text: 'x'\n iocLookup file: 'lists', " + KEYS + " }");
        r.assertLogContains("The file 'lists' is a directory, not a file.", run);
    }

    @Test
    void aSuppressionsPathOutsideTheWorkspaceIsRefused() throws Exception {
        Path secret = Files.writeString(outside.resolve("s.json"), "{\"suppressions\": []}");
        WorkflowRun run = refused("node { iocLookup indicator: '203.0.113.66', suppressions: '%s', %s }"
                .formatted(escape(secret.toString()), KEYS));
        r.assertLogContains("The suppressions file '" + secret + "' is an absolute path", run);

        run = refused("node { iocLookup indicator: '203.0.113.66', suppressions: '../../s.json', " + KEYS + " }");
        r.assertLogContains("The suppressions file '../../s.json' is outside the workspace", run);
    }

    @Test
    void aSuppressionsFileThatIsNotJsonIsNotEchoedBack() throws Exception {
        WorkflowRun run = refused("""
                node {
                    writeFile file: 'passwords', text: 'hunter2-%s:x:0:0\\n'
                    iocLookup indicator: '203.0.113.66', suppressions: 'passwords', %s
                }
                """.formatted(SECRET, KEYS));
        r.assertLogContains("passwords is not valid JSON at line 1, column 1: Unrecognized token:", run);
        r.assertLogNotContains("hunter2", run);
    }

    /** The agent reads and extracts; only the indicators and their places come back over the channel. */
    @Test
    void extractionRunsOnTheAgentAndKeepsThePositions() throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        datadog.found("45.33.32.156", 10).found("c2.badactor.net", 20);
        WorkflowRun run = r.assertBuildStatus(Result.SUCCESS, job("""
                node('remote') {
                    writeFile file: 'deploy.log', text: 'ok\\nFetched http://c2.badactor.net/x from 45.33.32.156 via 10.0.0.1\\n', encoding: 'UTF-8'
                    def r = iocLookup file: 'deploy.log', extract: true, %s
                    echo "count=${r.results.size()} skipped=${r.skipped}"
                }
                """.formatted(KEYS)).scheduleBuild2(0));
        r.assertLogContains("count=2 skipped=1", run);
        assertThat(datadog.requestedIndicators(), containsInAnyOrder("c2.badactor.net", "45.33.32.156"));
        IndicatorRecord first = run.getAction(IocLookupAction.class).getResults().get(0);
        assertEquals("c2.badactor.net", first.getIndicator());
        assertEquals("deploy.log:2:16", first.getFoundAt());
    }

    private WorkflowRun refused(String script) throws Exception {
        return assertRefused(job(script));
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private WorkflowRun assertRefused(WorkflowJob job) throws Exception {
        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        r.assertLogNotContains(SECRET, run);
        r.assertLogNotContains("\tat ", run);
        assertEquals(0, datadog.server().getRequestCount(), "no lookup");
        assertNull(run.getAction(IocLookupAction.class));
        return run;
    }

    private Path workspace(WorkflowJob job) throws Exception {
        FilePath workspace = r.jenkins.getWorkspaceFor(job);
        workspace.mkdirs();
        return Path.of(workspace.getRemote());
    }

    /** A Windows path in a Groovy single-quoted string. */
    private static String escape(String path) {
        return path.replace("\\", "\\\\");
    }
}
