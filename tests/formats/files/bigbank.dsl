/*
 * A banking workspace in the shape of Structurizr's "Big Bank plc" example:
 * people, software systems, containers with components, relationships, views and styles.
 */
workspace "Big Bank plc" "An internet banking system, its users and the systems around it." {

    !identifiers hierarchical

    model {
        customer = person "Personal Banking Customer" "A customer of the bank, with personal bank accounts." "Customer"

        group "Big Bank plc" {
            supportStaff = person "Customer Service Staff" "Customer service staff within the bank." "Bank Staff"
            backoffice = person "Back Office Staff" "Administration and support staff within the bank." "Bank Staff"

            mainframe = softwareSystem "Mainframe Banking System" "Stores all of the core banking information about customers, accounts, transactions, etc." "Existing System"
            email = softwareSystem "E-mail System" "The internal Microsoft Exchange e-mail system." "Existing System"
            atm = softwareSystem "ATM" "Allows customers to withdraw cash." "Existing System"

            internetBankingSystem = softwareSystem "Internet Banking System" "Allows customers to view information about their bank accounts, and make payments." {
                singlePageApplication = container "Single-Page Application" "Provides all of the Internet banking functionality to customers via their web browser." "JavaScript and Angular" "Web Browser"
                mobileApp = container "Mobile App" "Provides a limited subset of the Internet banking functionality to customers via their mobile device." "Xamarin" "Mobile App"
                webApplication = container "Web Application" "Delivers the static content and the Internet banking single page application." "Java and Spring MVC"
                apiApplication = container "API Application" "Provides Internet banking functionality via a JSON/HTTPS API." "Java and Spring MVC" {
                    signinController = component "Sign In Controller" "Allows users to sign in to the Internet Banking System." "Spring MVC Rest Controller"
                    accountsSummaryController = component "Accounts Summary Controller" "Provides customers with a summary of their bank accounts." "Spring MVC Rest Controller"
                    securityComponent = component "Security Component" "Provides functionality related to signing in, changing passwords, etc." "Spring Bean"
                    mainframeBankingSystemFacade = component "Mainframe Banking System Facade" "A facade onto the mainframe banking system." "Spring Bean"
                    emailComponent = component "E-mail Component" "Sends e-mails to users." "Spring Bean"
                    properties {
                        "instances" "4"
                    }
                }
                database = container "Database" "Stores user registration information, hashed authentication credentials, access logs, etc." "Oracle Database Schema" "Database"
            }
        }

        # relationships between people and software systems
        customer -> internetBankingSystem "Views account balances, and makes payments using"
        internetBankingSystem -> mainframe "Gets account information from, and makes payments using"
        internetBankingSystem -> email "Sends e-mail using"
        email -> customer "Sends e-mails to"
        customer -> supportStaff "Asks questions to" "Telephone"
        supportStaff -> mainframe "Uses"
        customer -> atm "Withdraws cash using"
        atm -> mainframe "Uses"
        backoffice -> mainframe "Uses"

        // relationships to and from the containers
        customer -> internetBankingSystem.webApplication "Visits bigbank.com/ib using" "HTTPS"
        customer -> internetBankingSystem.singlePageApplication "Views account balances, and makes payments using"
        customer -> internetBankingSystem.mobileApp "Views account balances, and makes payments using"
        internetBankingSystem.webApplication -> internetBankingSystem.singlePageApplication "Delivers to the customer's web browser"

        // relationships to and from the components
        internetBankingSystem.singlePageApplication -> internetBankingSystem.apiApplication.signinController "Makes API calls to" "JSON/HTTPS"
        internetBankingSystem.mobileApp -> internetBankingSystem.apiApplication.accountsSummaryController "Makes API calls to" "JSON/HTTPS"
        internetBankingSystem.apiApplication.signinController -> internetBankingSystem.apiApplication.securityComponent "Uses"
        internetBankingSystem.apiApplication.accountsSummaryController -> internetBankingSystem.apiApplication.mainframeBankingSystemFacade "Uses"
        internetBankingSystem.apiApplication.securityComponent -> internetBankingSystem.database "Reads from and writes to" "SQL/TCP"
        internetBankingSystem.apiApplication.mainframeBankingSystemFacade -> mainframe "Makes API calls to" "XML/HTTPS"
        internetBankingSystem.apiApplication.emailComponent -> email "Sends e-mail using" {
            tags "Asynchronous"
        }

        deploymentEnvironment "Live" {
            deploymentNode "Customer's mobile device" "" "Apple iOS or Android" {
                liveMobileAppInstance = containerInstance internetBankingSystem.mobileApp
            }
        }
    }

    views {
        systemlandscape "SystemLandscape" {
            include *
            autoLayout
        }
        container internetBankingSystem "Containers" {
            include *
            autoLayout
        }
        component internetBankingSystem.apiApplication "Components" {
            include *
            autoLayout
        }
        styles {
            element "Person" {
                color #ffffff
                fontSize 22
                shape Person
            }
            element "Existing System" {
                background #999999
            }
            element "Database" {
                shape Cylinder
            }
        }
    }
}
