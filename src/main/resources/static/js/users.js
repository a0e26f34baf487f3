// Set Up → Users: a box that ticks every user on the page. Without JavaScript it stays hidden and
// each box is ticked by hand.
(function () {
  'use strict';
  var all = document.getElementById('select-all');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.select-user'));
  if (!all || boxes.length === 0) { return; }
  all.hidden = false;
  all.addEventListener('change', function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
  boxes.forEach(function (box) {
    box.addEventListener('change', function () {
      var ticked = boxes.filter(function (b) { return b.checked; }).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    });
  });
})();
