// maildev 2.2.1 with STARTTLS offered. maildev's own options give plain SMTP or TLS on connect
// (--incoming-secure) only: it hard-codes smtp-server's hideSTARTTLS and, with a user, disables STARTTLS.
// This starts the same maildev (its CLI, its options, its REST API) and lifts those two settings, so the
// certificate given with --incoming-cert/--incoming-key is used for STARTTLS on the plain port.
// Usage: MAILDEV_BIN=/path/to/.bin/maildev node maildev-starttls.js <maildev options>
const fs = require('fs')
const path = require('path')

const pkg = path.join(path.dirname(fs.realpathSync(process.env.MAILDEV_BIN)), '..')
const mailserver = require(path.join(pkg, 'lib', 'mailserver'))
const create = mailserver.create
mailserver.create = function (...args) {
  create.apply(this, args)
  const options = mailserver.smtp.options
  options.hideSTARTTLS = false
  options.disabledCommands = options.disabledCommands.filter(c => c !== 'STARTTLS')
}

const MailDev = require(path.join(pkg, 'index.js'))
new MailDev().listen()
