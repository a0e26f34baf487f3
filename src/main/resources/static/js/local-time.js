// Shows every <time class="local"> in the reader's own time zone, in the format the server uses
// for UTC ("25 Nov 2026, 23:53"); without JavaScript the server's text, which names its zone, stays.
(function () {
  'use strict';
  var format = new Intl.DateTimeFormat('en-US', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll('time.local').forEach(function (element) {
    var when = new Date(element.getAttribute('datetime'));
    if (isNaN(when.getTime())) { return; }
    var part = {};
    format.formatToParts(when).forEach(function (p) { part[p.type] = p.value; });
    element.textContent = part.day + ' ' + part.month + ' ' + part.year + ', ' + part.hour + ':' + part.minute;
    element.title = 'Your time (' + zone + ')';
  });
})();
