package io.liveupdate.revision;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.model.Plugin;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/**
 * The default phases of a plugin's goals, read from the descriptor in its jar ({@code META-INF/maven/plugin.xml}):
 * data, no plugin code runs. The jar comes from the configured repositories through the {@link ArtifactResolver};
 * descriptors are cached per plugin version.
 */
final class PluginDescriptors {
    private static final String DESCRIPTOR = "META-INF/maven/plugin.xml";
    private static final long MAX_DESCRIPTOR_BYTES = 8L << 20;

    private final ArtifactResolver artifacts;
    private final Map<String, Optional<Map<String, String>>> goalsByPlugin = new ConcurrentHashMap<>();

    PluginDescriptors(ArtifactResolver artifacts) {
        this.artifacts = artifacts;
    }

    /**
     * The default phase of {@code goal}: the phase, {@code ""} when the goal has none (it binds nothing without an
     * explicit phase), or null when the descriptor cannot be had (no resolver, no version, not resolvable, no such
     * goal).
     */
    String defaultPhase(String groupId, Plugin plugin, String goal) {
        if (artifacts == null
                || plugin.getVersion() == null
                || plugin.getVersion().isBlank()) {
            return null;
        }
        String key = groupId + ":" + plugin.getArtifactId() + ":" + plugin.getVersion();
        Optional<Map<String, String>> goals = goalsByPlugin.computeIfAbsent(
                key,
                k -> read(groupId, plugin.getArtifactId(), plugin.getVersion().trim()));
        return goals.map(g -> g.get(goal)).orElse(null);
    }

    private Optional<Map<String, String>> read(String groupId, String artifactId, String version) {
        Path jar;
        try {
            jar = artifacts.resolveArtifact(groupId, artifactId, "", "jar", version);
        } catch (RevisionException e) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(DESCRIPTOR);
            if (entry == null || entry.getSize() > MAX_DESCRIPTOR_BYTES) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Xpp3Dom root = Xpp3DomBuilder.build(new InputStreamReader(in, StandardCharsets.UTF_8));
                Xpp3Dom mojos = root.getChild("mojos");
                Map<String, String> goals = new HashMap<>();
                if (mojos != null) {
                    for (Xpp3Dom mojo : mojos.getChildren("mojo")) {
                        Xpp3Dom goal = mojo.getChild("goal");
                        Xpp3Dom phase = mojo.getChild("phase");
                        if (goal != null && goal.getValue() != null) {
                            goals.put(
                                    goal.getValue().trim(),
                                    phase == null || phase.getValue() == null
                                            ? ""
                                            : phase.getValue().trim());
                        }
                    }
                }
                return Optional.of(Map.copyOf(goals));
            }
        } catch (IOException | XmlPullParserException | RuntimeException e) {
            return Optional.empty(); // an unreadable descriptor: the goal's phase stays unknown
        }
    }
}
