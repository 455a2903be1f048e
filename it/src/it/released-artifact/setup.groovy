evaluate(new File(itScripts, "history.groovy"))

// The release 1.0, as a release build made it (without debug information), in the ITs' local repository.
import java.nio.file.Files
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import javax.tools.ToolProvider

File classes = new File(basedir, 'target/release-classes')
classes.mkdirs()
File source = new File(basedir, 'history/v1/src/main/java/demo/Clock.java')
assert ToolProvider.systemJavaCompiler.run(null, null, null, '--release', '17', '-g:none', '-d', classes.path,
        source.path) == 0
File dir = new File(localRepositoryPath, 'org/example/it/released/1.0')
dir.mkdirs()
new JarOutputStream(new FileOutputStream(new File(dir, 'released-1.0.jar'))).withCloseable { jar ->
    jar.putNextEntry(new JarEntry('demo/Clock.class'))
    jar.write(new File(classes, 'demo/Clock.class').bytes)
    jar.closeEntry()
}
new File(dir, 'released-1.0.pom').text = '''<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>org.example.it</groupId><artifactId>released</artifactId><version>1.0</version></project>
'''
return true
