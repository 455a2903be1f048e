String log = new File(basedir, 'build.log').text
assert log.contains("update: unknown revision 'v1.0'")
assert log.contains('this clone is shallow, so the base may not have been fetched (git fetch --unshallow')
return true
