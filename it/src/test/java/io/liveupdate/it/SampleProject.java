package io.liveupdate.it;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generated Maven project of three modules with inter-module dependencies (core &lt;- service &lt;- app), an external
 * dependency, and per-module compiler settings that exercise the option mapping: {@code -parameters}, {@code
 * -source/-target} with a debug level, and plain {@code --release} with {@code -g}. The sources use what makes javac
 * output sensitive to context: constants across modules, lambdas, enum switches, nested and anonymous classes, records,
 * generics with bridges, default methods, string concatenation.
 */
final class SampleProject {
    private SampleProject() {}

    /** Plugin versions that need nothing beyond what building liveupdate itself downloads. */
    private static final String PLUGINS = "<pluginManagement><plugins>"
            + "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>"
            + "<version>3.14.0</version></plugin>"
            + "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId>"
            + "<version>3.3.1</version></plugin>"
            + "</plugins></pluginManagement>";

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n";
    private static final String PARENT =
            "  <parent><groupId>org.example.sample</groupId><artifactId>sample-parent</artifactId>"
                    + "<version>1.0-SNAPSHOT</version></parent>\n";

    static Map<String, String> files() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(
                "pom.xml",
                HEAD
                        + "  <groupId>org.example.sample</groupId>\n  <artifactId>sample-parent</artifactId>\n"
                        + "  <version>1.0-SNAPSHOT</version>\n  <packaging>pom</packaging>\n"
                        + "  <modules>\n    <module>app</module>\n    <module>service</module>\n    <module>core</module>\n"
                        + "    <module>tools</module>\n    <module>multirelease</module>\n"
                        + "  </modules>\n  <properties>\n"
                        + "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n"
                        + "    <maven.compiler.release>17</maven.compiler.release>\n  </properties>\n"
                        + "  <build>" + PLUGINS + "</build>\n</project>\n");
        f.put(
                "core/pom.xml",
                HEAD + PARENT + "  <artifactId>core</artifactId>\n"
                        + "  <properties><maven.compiler.parameters>true</maven.compiler.parameters></properties>\n</project>\n");
        f.put(
                "service/pom.xml",
                HEAD + PARENT + "  <artifactId>service</artifactId>\n"
                        + "  <properties><maven.compiler.release></maven.compiler.release>"
                        + "<maven.compiler.source>11</maven.compiler.source><maven.compiler.target>11</maven.compiler.target>"
                        + "</properties>\n"
                        + "  <dependencies>\n"
                        + "    <dependency><groupId>org.example.sample</groupId><artifactId>core</artifactId>"
                        + "<version>${project.version}</version></dependency>\n"
                        + "    <dependency><groupId>org.ow2.asm</groupId><artifactId>asm</artifactId><version>9.9.1</version>"
                        + "</dependency>\n  </dependencies>\n"
                        + "  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId>"
                        + "<artifactId>maven-compiler-plugin</artifactId><configuration><debuglevel>lines,vars</debuglevel>"
                        + "</configuration></plugin></plugins></build>\n</project>\n");
        f.put(
                "app/pom.xml",
                HEAD + PARENT + "  <artifactId>app</artifactId>\n  <dependencies>\n"
                        + "    <dependency><groupId>org.example.sample</groupId><artifactId>service</artifactId>"
                        + "<version>${project.version}</version></dependency>\n  </dependencies>\n</project>\n");

        String core = "core/src/main/java/org/example/core/";
        f.put(
                core + "Limits.java",
                "package org.example.core;\n\npublic final class Limits {\n"
                        + "    public static final int MAX = 42;\n    public static final String NAME = \"limits-\" + MAX;\n"
                        + "    private Limits() {}\n}\n");
        f.put(
                core + "Shape.java",
                "package org.example.core;\n\npublic sealed interface Shape permits Shape.Circle, Shape.Square {\n"
                        + "    double area();\n\n    default String describe() {\n        return getClass().getSimpleName() + \" \" + area();\n    }\n\n"
                        + "    record Circle(double r) implements Shape {\n        public double area() {\n            return Math.PI * r * r;\n        }\n    }\n\n"
                        + "    record Square(double side) implements Shape {\n        public double area() {\n            return side * side;\n        }\n    }\n}\n");
        f.put(
                core + "package-info.java",
                "/** Core types; no annotations, so javac writes no class for this file. */\npackage org.example.core;\n");
        f.put(
                core + "Color.java",
                "package org.example.core;\n\npublic enum Color {\n    RED,\n    GREEN,\n    BLUE;\n\n"
                        + "    public Color next() {\n        return values()[(ordinal() + 1) % values().length];\n    }\n}\n");
        f.put(
                core + "Repository.java",
                "package org.example.core;\n\nimport java.util.ArrayList;\nimport java.util.List;\n"
                        + "import java.util.function.Predicate;\n\npublic class Repository<T extends Comparable<T>> {\n"
                        + "    private final List<T> items = new ArrayList<>();\n\n    public void add(T item) {\n        items.add(item);\n    }\n\n"
                        + "    public List<T> find(Predicate<? super T> filter) {\n        List<T> out = new ArrayList<>();\n"
                        + "        for (T t : items) {\n            if (filter.test(t)) {\n                out.add(t);\n            }\n        }\n"
                        + "        out.sort(null);\n        return out;\n    }\n}\n");

        String service = "service/src/main/java/org/example/service/";
        f.put(
                service + "Names.java",
                "package org.example.service;\n\nimport org.example.core.Repository;\n\n"
                        + "public class Names extends Repository<String> {\n    @Override\n    public void add(String item) {\n"
                        + "        super.add(item.trim());\n    }\n\n    public int asmApi() {\n        return org.objectweb.asm.Opcodes.ASM9;\n    }\n}\n");
        f.put(
                service + "Palette.java",
                "package org.example.service;\n\nimport org.example.core.Color;\nimport org.example.core.Limits;\n\n"
                        + "public class Palette {\n    public static final int SIZE = Limits.MAX / 2;\n\n    public String label(Color c) {\n"
                        + "        switch (c) {\n            case RED:\n                return \"warm\";\n            case BLUE:\n"
                        + "                return \"cold\";\n            default:\n                return \"other \" + Limits.NAME;\n        }\n    }\n\n"
                        + "    public Runnable printer(String prefix) {\n        return new Runnable() {\n            @Override\n"
                        + "            public void run() {\n                System.out.println(prefix + SIZE);\n            }\n        };\n    }\n\n"
                        + "    public class Swatch {\n        public final Color color;\n\n        public Swatch(Color color) {\n            this.color = color;\n        }\n    }\n}\n");

        String app = "app/src/main/java/org/example/app/";
        f.put(
                app + "Main.java",
                "package org.example.app;\n\nimport java.util.function.Function;\nimport org.example.core.Color;\n"
                        + "import org.example.core.Limits;\nimport org.example.core.Shape;\nimport org.example.service.Names;\n"
                        + "import org.example.service.Palette;\n\npublic class Main {\n    public static void main(String[] args) {\n"
                        + "        Names names = new Names();\n        names.add(\" b \");\n        names.add(\"a\");\n"
                        + "        Function<String, Integer> len = String::length;\n"
                        + "        names.find(s -> len.apply(s) < Limits.MAX).forEach(System.out::println);\n"
                        + "        Palette palette = new Palette();\n        Palette.Swatch swatch = palette.new Swatch(Color.GREEN);\n"
                        + "        System.out.println(palette.label(swatch.color.next()) + \" \" + Palette.SIZE);\n"
                        + "        Shape shape = args.length > 0 ? new Shape.Circle(1) : new Shape.Square(2);\n"
                        + "        String kind = shape instanceof Shape.Circle c ? \"circle \" + c.r() : \"square \" + ((Shape.Square) shape).side();\n"
                        + "        System.out.println(kind + shape.describe() + names.asmApi());\n    }\n}\n");
        pluginKinds(f);
        return f;
    }

    /**
     * Two modules whose builds run plugin goals before their class files are final, all of which the revision compiler
     * models in memory: {@code tools} runs the enforcer, build-helper {@code parse-version} and {@code add-source} of a
     * committed directory, an antrun target that copies a file away from sources and classes, and binds the source
     * plugin at {@code package}; {@code multirelease} compiles as jsoup does, in three executions (package-info files,
     * the base, and a Java 17 overlay with a {@code module-info} into {@code META-INF/versions/17/}).
     */
    private static void pluginKinds(Map<String, String> f) {
        f.put(
                "tools/pom.xml",
                HEAD + PARENT + "  <artifactId>tools</artifactId>\n  <build><plugins>\n"
                        + "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId>"
                        + "<version>3.5.0</version><executions><execution><id>java</id><goals><goal>enforce</goal></goals>"
                        + "<configuration><rules><requireJavaVersion><version>[17,)</version></requireJavaVersion></rules>"
                        + "</configuration></execution></executions></plugin>\n"
                        + "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-antrun-plugin</artifactId>"
                        + "<version>3.1.0</version><executions><execution><id>notice</id><phase>generate-sources</phase>"
                        + "<goals><goal>run</goal></goals><configuration><target>"
                        + "<mkdir dir=\"${project.build.directory}/apidocs\"/>"
                        + "<copy todir=\"${project.build.directory}/apidocs/META-INF\"><fileset dir=\"${project.basedir}\">"
                        + "<include name=\"NOTICE\"/></fileset></copy><echo message=\"notice copied\"/>"
                        + "</target></configuration></execution></executions></plugin>\n"
                        + "<plugin><groupId>org.codehaus.mojo</groupId><artifactId>build-helper-maven-plugin</artifactId>"
                        + "<version>3.6.0</version><executions><execution><id>version</id><goals><goal>parse-version</goal>"
                        + "</goals></execution><execution><id>extra</id><goals><goal>add-source</goal></goals>"
                        + "<configuration><sources><source>${project.basedir}/src/extra/java</source></sources>"
                        + "</configuration></execution></executions></plugin>\n"
                        + "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-source-plugin</artifactId>"
                        + "<version>3.3.1</version><executions><execution><id>sources</id><goals><goal>jar-no-fork</goal>"
                        + "</goals></execution></executions></plugin>\n"
                        + "  </plugins></build>\n</project>\n");
        f.put("tools/NOTICE", "sample notice\n");
        f.put(
                "tools/src/main/java/org/example/tools/Tool.java",
                "package org.example.tools;\n\nimport org.example.tools.extra.Extra;\n\npublic class Tool {\n"
                        + "    public String run() {\n        return Extra.GREETING + \" \" + Extra.twice(21);\n    }\n}\n");
        f.put(
                "tools/src/extra/java/org/example/tools/extra/Extra.java",
                "package org.example.tools.extra;\n\npublic final class Extra {\n"
                        + "    public static final String GREETING = \"hello\";\n\n"
                        + "    public static int twice(int v) {\n        return v * 2;\n    }\n}\n");

        String compiler =
                "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>"
                        + "<executions>"
                        + "<execution><id>default-compile</id><phase>none</phase></execution>"
                        + "<execution><id>compile-package-info</id><phase>compile</phase><goals><goal>compile</goal></goals>"
                        + "<configuration><release>11</release><includes><include>**/package-info.java</include></includes>"
                        + "<compilerArgs><arg>-Xpkginfo:always</arg></compilerArgs></configuration></execution>"
                        + "<execution><id>compile-base</id><phase>compile</phase><goals><goal>compile</goal></goals>"
                        + "<configuration><release>11</release><excludes><exclude>**/package-info.java</exclude></excludes>"
                        + "<useIncrementalCompilation>false</useIncrementalCompilation></configuration></execution>"
                        + "<execution><id>compile-17</id><phase>compile</phase><goals><goal>compile</goal></goals>"
                        + "<configuration><release>17</release><compileSourceRoots><compileSourceRoot>"
                        + "${project.basedir}/src/main/java17</compileSourceRoot></compileSourceRoots>"
                        + "<multiReleaseOutput>true</multiReleaseOutput></configuration></execution>"
                        + "</executions></plugin>";
        f.put(
                "multirelease/pom.xml",
                HEAD + PARENT + "  <artifactId>multirelease</artifactId>\n"
                        + "  <properties><maven.compiler.release></maven.compiler.release></properties>\n"
                        + "  <build><plugins>" + compiler + "</plugins></build>\n</project>\n");
        String mr = "multirelease/src/main/java/org/example/mr/";
        f.put(mr + "package-info.java", "/** Text, by release. */\npackage org.example.mr;\n");
        f.put(
                mr + "Text.java",
                "package org.example.mr;\n\npublic class Text {\n    public String describe(Object o) {\n"
                        + "        return o instanceof String ? \"text \" + ((String) o).length() : \"other\";\n    }\n}\n");
        f.put(
                mr + "Api.java",
                "package org.example.mr;\n\npublic interface Api {\n    static String of(Object o) {\n"
                        + "        return new Text().describe(o);\n    }\n}\n");
        String mr17 = "multirelease/src/main/java17/";
        f.put(mr17 + "module-info.java", "module org.example.mr {\n    exports org.example.mr;\n}\n");
        f.put(
                mr17 + "org/example/mr/Text.java",
                "package org.example.mr;\n\npublic class Text {\n    public String describe(Object o) {\n"
                        + "        return o instanceof String s ? \"text \" + s.length() : \"other\";\n    }\n\n"
                        + "    public record Pair(String a, String b) {}\n}\n");
    }
}
