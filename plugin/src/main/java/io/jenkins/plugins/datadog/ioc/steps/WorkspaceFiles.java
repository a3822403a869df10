package io.jenkins.plugins.datadog.ioc.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.extract.Extraction;
import io.jenkins.plugins.datadog.ioc.extract.IndicatorExtractor;
import io.jenkins.plugins.datadog.ioc.extract.IndicatorLines;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionFile;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * The step's {@code file} and {@code suppressions}, read on the agent and only inside its workspace: a
 * user who may only build a job chooses the path (a freestyle {@code ${FILE}}), and a pull request can
 * commit a symbolic link, so absolute paths, {@code ..} and links that lead out of the workspace are
 * refused. The bytes are decoded as UTF-8, strictly, whatever the agent's platform charset. Indicators are
 * found on the agent too, so that only they and their positions cross to the controller, never the text.
 */
final class WorkspaceFiles {
    /** An indicator file is read whole; anything larger is a mistake (a log, a dump). */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private WorkspaceFiles() {}

    /** The indicators of a file: one per line (blank lines and {@code #} comments ignored), or extracted from any text. */
    static Extraction indicators(@CheckForNull FilePath workspace, String file, boolean extract)
            throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(Messages.GateExecution_NoWorkspace(file));
        }
        return read(workspace, file, Messages.WorkspaceFiles_IndicatorFile(), new ReadIndicators(file, extract));
    }

    /** The entries of a suppressions file; parsed on the controller, which words the errors. */
    static List<Suppression> suppressions(@CheckForNull FilePath workspace, String file)
            throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(Messages.GateExecution_SuppressionsNeedWorkspace(file));
        }
        String text = read(workspace, file, Messages.WorkspaceFiles_SuppressionsFile(), new ReadText(file));
        try {
            return SuppressionFile.parse(text, file);
        } catch (ConfigurationException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private static <T> T read(FilePath workspace, String file, String kind, ConfinedRead<T> reader)
            throws IOException, InterruptedException {
        try {
            return workspace.act(reader);
        } catch (Refused e) {
            throw new AbortException(e.refusal.message(kind, file, workspace.getRemote(), reader.maxBytes));
        }
    }

    /** Why a file was not read, sent back from the agent; the controller words it. */
    enum Refusal {
        ABSOLUTE, OUTSIDE, LINK_OUTSIDE, MISSING, DIRECTORY, UNREADABLE, TOO_LARGE, NOT_UTF8;

        String message(String kind, String file, String workspace, long maxBytes) {
            return switch (this) {
                case ABSOLUTE -> Messages.WorkspaceFiles_Absolute(kind, file);
                case OUTSIDE -> Messages.WorkspaceFiles_Outside(kind, file);
                case LINK_OUTSIDE -> Messages.WorkspaceFiles_LinkOutside(kind, file);
                case MISSING -> Messages.WorkspaceFiles_Missing(kind, file, workspace);
                case DIRECTORY -> Messages.WorkspaceFiles_Directory(kind, file);
                case UNREADABLE -> Messages.WorkspaceFiles_Unreadable(kind, file);
                case TOO_LARGE -> Messages.WorkspaceFiles_TooLarge(kind, file, maxBytes / (1024 * 1024));
                case NOT_UTF8 -> Messages.WorkspaceFiles_NotUtf8(kind, file);
            };
        }
    }

    /** An AbortException, so that FilePath.act passes it through from an agent as it is, not wrapped. */
    static final class Refused extends AbortException {
        private static final long serialVersionUID = 1L;
        final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name());
            this.refusal = refusal;
        }
    }

    /** Runs on the agent: finds the file inside the workspace and decodes it. */
    private abstract static class ConfinedRead<T> extends MasterToSlaveFileCallable<T> {
        private static final long serialVersionUID = 1L;
        final String file;
        final long maxBytes;

        ConfinedRead(String file, long maxBytes) {
            this.file = file;
            this.maxBytes = maxBytes;
        }

        @Override
        public T invoke(File workspace, VirtualChannel channel) throws IOException {
            return parse(text(workspace));
        }

        abstract T parse(String text);

        private String text(File workspace) throws IOException {
            Path relative;
            try {
                relative = Path.of(file);
            } catch (InvalidPathException e) {
                throw new Refused(Refusal.MISSING);
            }
            // getRoot: "\x" and "C:x" on Windows are not absolute, yet not inside the workspace either
            if (relative.isAbsolute() || relative.getRoot() != null) {
                throw new Refused(Refusal.ABSOLUTE);
            }
            Path root;
            Path real;
            try {
                root = workspace.toPath().toRealPath();
                Path candidate = root.resolve(relative).normalize();
                if (!candidate.startsWith(root)) {
                    throw new Refused(Refusal.OUTSIDE);
                }
                real = candidate.toRealPath();
            } catch (NoSuchFileException e) {
                throw new Refused(Refusal.MISSING);
            }
            if (!real.startsWith(root)) {
                throw new Refused(Refusal.LINK_OUTSIDE);
            }
            if (Files.isDirectory(real)) {
                throw new Refused(Refusal.DIRECTORY);
            }
            if (Files.size(real) > maxBytes) {
                throw new Refused(Refusal.TOO_LARGE);
            }
            byte[] bytes;
            // the resolved path, not the one given: a link swapped in after the check is not followed
            try (InputStream in = Files.newInputStream(real)) {
                bytes = in.readNBytes((int) maxBytes + 1);
            } catch (AccessDeniedException e) {
                throw new Refused(Refusal.UNREADABLE);
            }
            if (bytes.length > maxBytes) {
                throw new Refused(Refusal.TOO_LARGE);
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new Refused(Refusal.NOT_UTF8);
            }
        }
    }

    /** Ships back the indicators and their positions only. */
    private static final class ReadIndicators extends ConfinedRead<Extraction> {
        private static final long serialVersionUID = 1L;
        private final boolean extract;

        ReadIndicators(String file, boolean extract) {
            super(file, MAX_BYTES);
            this.extract = extract;
        }

        @Override
        Extraction parse(String text) {
            // Editors on Windows may start UTF-8 with a byte order mark, which is no part of the first indicator.
            String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
            return extract ? new IndicatorExtractor(false).extract(body) : new Extraction(IndicatorLines.locate(body), 0);
        }
    }

    /** A suppressions file is configuration, not shown anywhere: its text is parsed on the controller. */
    private static final class ReadText extends ConfinedRead<String> {
        private static final long serialVersionUID = 1L;

        ReadText(String file) {
            super(file, SuppressionFile.MAX_BYTES);
        }

        @Override
        String parse(String text) {
            return text;
        }
    }
}
