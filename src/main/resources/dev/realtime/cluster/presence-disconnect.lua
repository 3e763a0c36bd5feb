-- ARGV: prefix, node, connection, user, token, closed at (epoch micros). Returns the connections left or -1.
return dropConnection(ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[6], ARGV[2])
