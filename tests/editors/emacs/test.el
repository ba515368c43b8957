;;; test.el --- Emacs 28 + Eglot 1.9 as a real client of `cablelint lsp --stdio'  -*- lexical-binding: t; -*-
;; Loads editors/emacs/cablelint.el as a user would, opens a cable, and checks:
;; the major mode, that Eglot started the server by itself, that the
;; directory-local settings reached it (B004 becomes a note, i.e. a hint),
;; and that the server's quick fix leaves exactly the expected text.
;; Run by run.sh; exits 0 on success, 1 with a message otherwise.

(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(setq eglot-sync-connect 10)
(setq eglot-confirm-server-initiated-edits nil)

(defun cablelint-test-fail (format-string &rest args)
  (princ (concat "FAIL: " (apply #'format format-string args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(defun cablelint-test-wait (seconds predicate)
  "Process events for up to SECONDS until PREDICATE returns non-nil."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun cablelint-test-b004 ()
  (sort (cl-remove-if-not
         (lambda (d) (string-match-p "B004" (flymake-diagnostic-text d)))
         (flymake-diagnostics))
        (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))

(condition-case err
    (let ((repo (getenv "REPO")) (cable (getenv "CABLE")) (expected (getenv "EXPECTED")))
      (load (expand-file-name "editors/emacs/cablelint.el" repo) nil t)
      (find-file cable)
      (unless (eq major-mode 'cable-mode) (cablelint-test-fail "major mode is %s" major-mode))
      ;; eglot-ensure connects after the command that opened the file.
      (run-hooks 'post-command-hook)
      (unless (cablelint-test-wait 30 #'eglot-current-server)
        (cablelint-test-fail "Eglot did not start the server"))
      (unless (cablelint-test-wait
               30 (lambda ()
                    (let ((found (cablelint-test-b004)))
                      (and (= (length found) 2)
                           (eq (flymake-diagnostic-type (car found)) 'eglot-note)))))
        (cablelint-test-fail "expected two B004 notes (settings applied), got %S"
                             (mapcar (lambda (d) (list (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
                                     (flymake-diagnostics))))
      ;; The quick fix of the first B004, on the line with CJK text and 𠀋.
      (let* ((diag (car (cablelint-test-b004)))
             (actions (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag) "quickfix"))
             (action (cl-find-if (lambda (a) (string-match-p "empty" (plist-get a :title))) actions)))
        (unless action (cablelint-test-fail "no quick fix for B004 in %S" actions))
        (eglot--apply-workspace-edit (plist-get action :edit)))
      (let ((want (with-temp-buffer (insert-file-contents expected) (buffer-string)))
            (got (buffer-substring-no-properties (point-min) (point-max))))
        (unless (string= got want)
          (cablelint-test-fail "buffer after the fix:\n%s\nexpected:\n%s" got want)))
      ;; Saved, the file keeps its line endings byte for byte.
      (save-buffer)
      (let ((want (with-temp-buffer (insert-file-contents-literally expected) (buffer-string)))
            (got (with-temp-buffer (insert-file-contents-literally cable) (buffer-string))))
        (unless (string= got want)
          (cablelint-test-fail "file after saving differs from %s" expected)))
      (eglot-shutdown (eglot-current-server))
      (princ "ok: editors/emacs/cablelint.el (mode, Eglot autostart, settings, quick fix)\n")
      (kill-emacs 0))
  (error (cablelint-test-fail "%S" err)))
