// Create Users: reveal the custom password, show/hide it, the article's warnings, the full-roster
// consequences, and the upload
// zone (dropping a file selects it; Upload File starts the import).
(function () {
  'use strict';
  var form = document.getElementById('create-users-form');
  if (!form) { return; }
  var send = document.getElementById('sendWelcomeEmails');
  var custom = document.getElementById('createCustomPassword');
  var panel = document.getElementById('custom-password-panel');
  var password = document.getElementById('customPassword');
  var toggle = document.getElementById('toggle-password');
  var noEmail = document.getElementById('no-email-warning');
  var override = document.getElementById('override-warning');
  var zone = document.getElementById('dropzone');
  var input = document.getElementById('file');
  var chosen = document.getElementById('chosen-file');
  var clientError = document.getElementById('client-error');
  var fullRoster = document.getElementById('fullRoster');
  var rosterPanel = document.getElementById('full-roster-panel');
  var confirmLarge = document.getElementById('confirmLargeSync');

  function sync() {
    panel.hidden = !custom.checked;
    noEmail.hidden = send.checked || !custom.checked;
    if (override) { override.hidden = !custom.checked; }
    rosterPanel.hidden = !fullRoster.checked;
    if (!fullRoster.checked) { confirmLarge.checked = false; }
  }
  send.addEventListener('change', sync);
  fullRoster.addEventListener('change', sync);
  custom.addEventListener('change', function () {
    sync();
    if (custom.checked) { password.focus(); }
  });
  sync();

  toggle.addEventListener('click', function () {
    var show = password.type === 'password';
    password.type = show ? 'text' : 'password';
    // The words come from the page, in its language.
    toggle.textContent = toggle.getAttribute(show ? 'data-hide' : 'data-show');
    toggle.setAttribute('aria-pressed', String(show));
  });

  var number = new Intl.NumberFormat(document.documentElement.lang || 'en', { maximumFractionDigits: 1 });
  function size(bytes) {
    if (bytes < 1024) { return number.format(bytes) + ' ' + form.getAttribute('data-bytes'); }
    if (bytes < 1024 * 1024) { return number.format(bytes / 1024) + ' KB'; }
    return number.format(bytes / 1024 / 1024) + ' MB';
  }
  function showChosen() {
    var file = input.files && input.files[0];
    chosen.hidden = !file;
    if (file) {
      document.getElementById('file-name').textContent = file.name;
      document.getElementById('file-size').textContent = '(' + size(file.size) + ')';
      clientError.hidden = true;
    }
  }
  input.addEventListener('change', showChosen);
  showChosen();

  ['dragenter', 'dragover'].forEach(function (type) {
    zone.addEventListener(type, function (e) {
      e.preventDefault();
      zone.classList.add('dragging');
    });
  });
  ['dragleave', 'dragend'].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove('dragging'); });
  });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    zone.classList.remove('dragging');
    if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      showChosen();
    }
  });

  function fail(message, focusOn) {
    clientError.querySelector('p').textContent = message;
    clientError.hidden = false;
    if (focusOn) { focusOn.focus(); }
  }
  form.addEventListener('submit', function (e) {
    if (!input.files || !input.files.length) {
      e.preventDefault();
      fail(form.getAttribute('data-choose-file'), input);
      return;
    }
    if (custom.checked && (password.value.length < 8 || password.value.length > 128 || !password.value.trim())) {
      e.preventDefault();
      document.getElementById('custom-password-error').textContent = document.getElementById('custom-password-rules').textContent;
      password.setAttribute('aria-invalid', 'true');
      password.focus();
      return;
    }
    document.getElementById('upload-file').disabled = true;
  });
}());

// After an upload was refused, bring its message into view and to the screen reader's attention.
(function () {
  'use strict';
  var error = document.getElementById('file-error') || document.querySelector('#upload-messages .banner:not([hidden])');
  if (error) {
    error.setAttribute('tabindex', '-1');
    error.focus();
  }
}());
