import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Lower bound ("floor") for the diff benchmark: opens every jar given on the
 * command line with {@link ZipFile}, reads every {@code .class} entry and
 * parses it fully into ASM's tree model, single-threaded. No comparison, no
 * output besides the counts. Anything a jar differ does has to do at least
 * this much work (or skip classes whose bytes are identical, which is why a
 * smart differ can beat this floor).
 *
 * Usage: java -cp asm.jar:asm-tree.jar:DIR Floor OLD.jar NEW.jar
 */
public final class Floor {
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Floor JAR...");
            System.exit(2);
        }
        long total = 0;
        long bytes = 0;
        long methods = 0;
        for (String jar : args) {
            int count = 0;
            try (ZipFile zip = new ZipFile(jar)) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    if (e.isDirectory() || !e.getName().endsWith(".class")) {
                        continue;
                    }
                    byte[] b;
                    try (InputStream in = zip.getInputStream(e)) {
                        b = in.readAllBytes();
                    }
                    ClassNode node = new ClassNode();
                    new ClassReader(b).accept(node, ClassReader.SKIP_FRAMES);
                    methods += node.methods.size();
                    bytes += b.length;
                    count++;
                }
            }
            System.out.println(jar + ": " + count + " classes parsed");
            total += count;
        }
        System.out.println("total: " + total + " classes, " + methods + " methods, " + bytes + " bytes");
    }
}
