String log = new File(basedir, 'build.log').text
assert log.contains("update: unknown revision 'no-such-tag' in errors")
assert log.contains('update: update:package needs a base: -Dupdate.base=REV')
assert log.contains('update: base v1.0 (') && log.contains(') does not compile: src/main/java/demo/Ok.java:5: ')
assert log.contains('update: errors: no class changed since HEAD; no unit')
assert log.contains('update: update:sign needs a key: configure <key>')
assert log.contains('update: skipped (update.skip)')
assert log.contains('update: update.maxCommits, update.threads and update.commitTimeout must be 0 or more')
assert log.contains("update: unknown revision 'no-such-head' in errors")
assert !log.contains('\tat io.liveupdate'): 'no stack trace of the plugin'
return true
