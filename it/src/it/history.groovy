// Makes the git history of an IT project, run by each project's setup.groovy (invoker pre-build hook).
//
// The project directory holds the target state (HEAD). history/v1/ holds the files whose content differs at the
// base commit, and history/v1.absent lists (one per line) the paths that do not exist there yet. The base is
// committed first and tagged v1.0, then the target state; commit dates are fixed, so ids are the same every run.
// With history/keys, a release key is made too: key/release.p12 (Ed25519, passphrase it-passphrase, kept in the
// ITs' settings.xml) and its certificate key/anchor.pem.
import java.nio.file.Files
import java.nio.file.Path

Path root = basedir.toPath()
Path v1 = root.resolve('history/v1')

def run = { Map env, List<String> command ->
    def builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
    builder.environment().putAll(env)
    def process = builder.start()
    def output = process.inputStream.text
    if (process.waitFor() != 0) {
        throw new IllegalStateException("${command.join(' ')} failed:\n${output}")
    }
    output
}
def git = { String date, String... args ->
    run([GIT_AUTHOR_NAME: 'it', GIT_AUTHOR_EMAIL: 'it@example.org', GIT_COMMITTER_NAME: 'it',
         GIT_COMMITTER_EMAIL: 'it@example.org', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date],
        ['git', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false'] + (args as List))
}

Map<Path, byte[]> head = [:]
List<Path> overlaid = []
if (Files.isDirectory(v1)) {
    Files.walk(v1).filter { Files.isRegularFile(it) }.each { Path f ->
        Path rel = v1.relativize(f)
        Path target = root.resolve(rel.toString())
        head[target] = Files.exists(target) ? Files.readAllBytes(target) : null
        overlaid << target
        Files.createDirectories(target.parent)
        Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
    }
}
Path absent = root.resolve('history/v1.absent')
if (Files.exists(absent)) {
    absent.toFile().readLines().findAll { it.trim() }.each { String line ->
        Path target = root.resolve(line.trim())
        head[target] = Files.readAllBytes(target)
        Files.delete(target)
    }
}
Files.writeString(root.resolve('.gitignore'),
        'target/\ntarget2/\nhistory/\nkey/\nbuild.log\n*.groovy\ninvoker.properties\n')
git('2026-01-01T12:00:00Z', 'init', '-q')
git('2026-01-01T12:00:00Z', 'add', '-A')
git('2026-01-01T12:00:00Z', 'commit', '-q', '-m', 'v1')
git('2026-01-01T12:00:00Z', 'tag', 'v1.0')
head.each { Path target, byte[] bytes ->
    if (bytes == null) {
        Files.deleteIfExists(target)
    } else {
        Files.createDirectories(target.parent)
        Files.write(target, bytes)
    }
}
git('2026-01-02T12:00:00Z', 'add', '-A')
git('2026-01-02T12:00:00Z', 'commit', '-q', '-m', 'v2')

if (Files.exists(root.resolve('history/keys'))) {
    Files.createDirectories(root.resolve('key'))
    String keytool = Path.of(System.getProperty('java.home'), 'bin', 'keytool').toString()
    run([:], [keytool, '-genkeypair', '-keyalg', 'Ed25519', '-alias', 'release', '-dname', 'CN=liveupdate it',
              '-validity', '3650', '-ext', 'KeyUsage=digitalSignature', '-ext', 'ExtendedKeyUsage=codeSigning',
              '-keystore', 'key/release.p12', '-storetype', 'PKCS12', '-storepass', 'it-passphrase'])
    run([:], [keytool, '-exportcert', '-rfc', '-alias', 'release', '-keystore', 'key/release.p12',
              '-storepass', 'it-passphrase', '-file', 'key/anchor.pem'])
}
return true
