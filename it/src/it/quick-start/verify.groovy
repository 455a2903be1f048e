// What docs/quick-start.md promises of `./mvnw package -Dupdate.base=v1.0` in the project it shows.
File unit = new File(basedir, 'target/greeter-1.1-update.jar')
assert unit.isFile(): 'the quick start names target/greeter-1.1-update.jar'
String log = new File(basedir, 'build.log').text
assert log.contains('update: wrote target/greeter-1.1-update.jar (unit ')
assert log.contains('1 classes at HOTSWAP')
String descriptor = new java.util.zip.ZipFile(unit).withCloseable { z ->
    z.getInputStream(z.getEntry('META-INF/liveupdate/update.json')).text
}
assert descriptor.contains('"level" : "HOTSWAP"')
assert descriptor =~ /"name" : "demo[.\/]Greeter"/
return true
