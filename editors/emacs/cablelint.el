;;; cablelint.el --- .cable files checked by the cablelint language server through Eglot  -*- lexical-binding: t; -*-

;; Load it from your init file (Emacs 28 with the `eglot' package, or Emacs 29+):
;;
;;   (load "/path/to/cablelint/editors/emacs/cablelint.el")
;;
;; `cablelint' must be on `exec-path' (or change the command below).
;; Settings go to the server through `eglot-workspace-configuration', best
;; as a directory-local variable (.dir-locals.el at the project root):
;;
;;   ((nil . ((eglot-workspace-configuration
;;             . (:cablelint (:profile "prc-mfa-cable" :severity (:B "warning")))))))

;;; Code:

(require 'eglot)

(define-derived-mode cable-mode text-mode "Cable"
  "Major mode for transcriptions of diplomatic cables (.cable files)."
  ;; `% cablelint:' directive lines stand out like comments.
  (setq-local font-lock-defaults '((("^% cablelint:.*$" . font-lock-comment-face)))))

(add-to-list 'auto-mode-alist '("\\.cable\\'" . cable-mode))
(add-to-list 'eglot-server-programs '(cable-mode . ("cablelint" "lsp" "--stdio")))
(add-hook 'cable-mode-hook #'eglot-ensure)

(provide 'cablelint)
;;; cablelint.el ends here
